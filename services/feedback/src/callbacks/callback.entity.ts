import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model of callbacks after resolution (projection feedback.callbacks). */
@Entity({ schema: 'feedback', name: 'callbacks' })
@Index(['tenantId', 'status', 'dueAt'])
export class CallbackView {
  @PrimaryColumn({ name: 'callback_id', type: 'text' })
  callbackId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'ticket_id', type: 'text' })
  ticketId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ type: 'text', array: true })
  reasons!: string[];

  @Column({ type: 'text' })
  assignee!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** scheduled | completed | missed (missed and not completed since). */
  @Column({ type: 'text' })
  status!: 'scheduled' | 'completed' | 'missed';

  /** Recorded as missed at some point (stays true when completed late). */
  @Column({ type: 'boolean', default: false })
  missed!: boolean;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
