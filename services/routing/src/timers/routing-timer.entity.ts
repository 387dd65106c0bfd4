import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TIMER_KINDS = ['route', 'dispatch', 'sla_warning', 'sla_breach', 'sla_reanchor', 'next_response', 'progress_update', 'sla_retarget', 'escalate', 'hand_back'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * A durable timer: projections write it in the same transaction as the event that caused it, the
 * scheduler claims due ones with FOR UPDATE SKIP LOCKED under a lease, and deletes a timer only
 * after its work is done — a crash leaves the lease to expire and another instance fires it again,
 * which the deciders make harmless (a repeated warning or breach decides nothing).
 */
@Entity({ schema: 'routing', name: 'timers' })
@Index(['dueAt'])
export class RoutingTimer {
  /** Natural key, e.g. `sla_breach:<ticketId>:resolution`: rescheduling replaces, never duplicates. */
  @PrimaryColumn('text')
  timerId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  kind!: TimerKind;

  /** The ticket, agent or tenant it is about. */
  @Column('text')
  subject!: string;

  @Column('text', { nullable: true })
  target!: string | null;

  @Column('timestamptz')
  dueAt!: Date;

  /** Bumped on every reschedule, so a firing never deletes a newer schedule of the same timer. */
  @Column('integer', { default: 0 })
  version!: number;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  claimedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  claimedUntil!: Date | null;
}
