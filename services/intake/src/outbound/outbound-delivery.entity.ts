import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per outbound message: what the agent sees of its delivery, and the worker's to-do list. */
@Entity({ schema: 'intake', name: 'outbound_deliveries' })
@Index(['status', 'nextAttemptAt'])
@Index(['tenantId', 'ticketId'])
export class OutboundDelivery {
  @PrimaryColumn('text')
  deliveryId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  ticketId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  transport!: string;

  /** pending | delivered | failed | undeliverable (a staff notice with no destination) */
  @Column('text')
  status!: string;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt!: Date | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz')
  requestedAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
