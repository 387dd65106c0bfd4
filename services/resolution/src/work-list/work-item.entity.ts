import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per ticket with its folded state: the agent's work list and the timers read it. */
@Entity({ schema: 'resolution', name: 'work_items' })
@Index(['tenantId', 'status'])
@Index(['tenantId', 'assigneeId'])
export class WorkItem {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  assigneeId!: string | null;

  /** Who opened it (a customer's own tickets are visible to them). */
  @Column('jsonb')
  openedBy!: { kind: string; id: string };

  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  updatedAt!: Date;

  /** The ticket decider's folded state, evolved with the write side's own code. */
  @Column('jsonb')
  state!: unknown;
}
