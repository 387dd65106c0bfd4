import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns of a durable timer table. A service declares its own table by extending this with
 * `@Entity({ schema: '<service>', name: 'timers' })` and `@Index(['dueAt'])`, and works it through
 * a DurableTimers over that table: its timers live and commit with its read models.
 */
export abstract class DurableTimerRow {
  /** Natural key, e.g. `survey:<ticketId>`: rescheduling replaces, never duplicates. */
  @PrimaryColumn('text')
  timerId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  kind!: string;

  /** The ticket, agent, callback or tenant it is about. */
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
