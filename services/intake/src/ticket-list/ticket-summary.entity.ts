import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per ticket for list views; rebuilt from the log by the `intake.ticket-list` projection. */
@Entity({ schema: 'intake', name: 'ticket_summaries' })
@Index(['tenantId', 'updatedAt'])
// A customer's tickets on every channel, for the agents' customer overview.
@Index(['tenantId', 'customerId'])
export class TicketSummary {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  status!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  customerId!: string;

  @Column('text', { nullable: true })
  priority!: string | null;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { nullable: true })
  assigneeId!: string | null;

  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  openedAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  /** The decider's folded state, so the projection evolves it with the same code as the write side. */
  @Column('jsonb')
  state!: unknown;
}
