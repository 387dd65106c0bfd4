import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One notice to a person (or, with no recipient, to every supervisor of the tenant): routing's and resolution's. */
@Entity({ schema: 'resolution', name: 'notifications' })
@Index(['tenantId', 'recipientId'])
export class Notification {
  /** The notice's event id. */
  @PrimaryColumn('uuid')
  notificationId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  ticketId!: string;

  /** routing | resolution */
  @Column('text')
  source!: string;

  @Column('text')
  kind!: string;

  @Column('text', { nullable: true })
  target!: string | null;

  @Column('text')
  recipientRole!: string;

  /** null = every supervisor of the tenant. */
  @Column('text', { nullable: true })
  recipientId!: string | null;

  @Column('integer')
  escalationLevel!: number;

  @Column('text')
  reason!: string;

  @Column('timestamptz')
  occurredAt!: Date;
}

/** Who has read which notice. */
@Entity({ schema: 'resolution', name: 'notification_reads' })
export class NotificationRead {
  @PrimaryColumn('uuid')
  notificationId!: string;

  @PrimaryColumn('text')
  readerId!: string;

  @Column('text')
  tenantId!: string;

  @Column('timestamptz')
  readAt!: Date;
}
