import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Epoch milliseconds in a bigint column (pg returns bigint as a string). */
const epochMs = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** Routing's mirror of one SLA clock, with what the ticket's own clock lacks: its pauses. */
export interface ClockView {
  policyId: string;
  startedAt: number;
  dueAt: number;
  warnAt: number;
  state: 'running' | 'paused' | 'stopped';
  pauses: { from: number; to: number | null }[];
  warned: boolean;
  breached: boolean;
  /** The target in minutes under the policy when the clock started (absent in rows written before it was kept). */
  targetMinutes?: number | null;
}

/**
 * One ticket as routing sees it: what chooses its group, tier and agent, where it waits, who holds
 * it, and its SLA clocks. Load per agent and channel is counted from here, so there is one truth.
 */
@Entity({ schema: 'routing', name: 'tickets' })
@Index(['tenantId', 'state'])
@Index(['tenantId', 'assigneeId'])
export class RoutingTicket {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  /** new (not yet routed), queued, assigned, done (resolved, closed, merged). */
  @Column('text')
  state!: 'new' | 'queued' | 'assigned' | 'done';

  @Column('text')
  channel!: string;

  @Column('text')
  channelClass!: string;

  @Column('text')
  language!: string;

  @Column('text')
  customerTier!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { nullable: true })
  priority!: string | null;

  @Column('integer', { default: 0 })
  escalationLevel!: number;

  @Column('text', { nullable: true })
  groupId!: string | null;

  @Column('text', { nullable: true })
  assigneeId!: string | null;

  @Column('bigint', { nullable: true, transformer: epochMs })
  assignedAt!: number | null;

  /** Whether an agent has answered the customer yet: unstarted tickets may be handed back. */
  @Column('boolean', { default: false })
  started!: boolean;

  @Column('bigint', { transformer: epochMs })
  openedAt!: number;

  @Column('bigint', { nullable: true, transformer: epochMs })
  queuedAt!: number | null;

  @Column('simple-json')
  clocks!: Record<string, ClockView>;

  /** Earliest deadline among running, unbreached clocks: the at-risk order. */
  @Column('bigint', { nullable: true, transformer: epochMs })
  nextDueAt!: number | null;
}
