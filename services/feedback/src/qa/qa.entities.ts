import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A ticket in the QA sample and, once reviewed, its result (projection feedback.qa). */
@Entity({ schema: 'feedback', name: 'qa_items' })
@Index(['tenantId', 'agentId'])
export class QaItem {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'ticket_id', type: 'text' })
  ticketId!: string;

  @Column({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'sampled_at', type: 'timestamptz' })
  sampledAt!: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewer_id', type: 'text', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'total_score', type: 'integer', nullable: true })
  totalScore!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  scores!: { criterionId: string; score: number }[] | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}

/** Agents flagged for coaching. */
@Entity({ schema: 'feedback', name: 'qa_coaching' })
export class QaCoachingFlag {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'agent_id', type: 'text' })
  agentId!: string;

  @PrimaryColumn({ name: 'period_end', type: 'timestamptz' })
  periodEnd!: Date;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'average_score', type: 'integer' })
  averageScore!: number;

  @Column({ type: 'integer' })
  reviews!: number;

  @Column({ type: 'integer' })
  threshold!: number;
}
