import { DurableTimerRow } from '@ticketing/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const FEEDBACK_TIMER_KINDS = ['survey', 'callback_missed'] as const;
export type FeedbackTimerKind = (typeof FEEDBACK_TIMER_KINDS)[number];

/** Feedback's durable timers: surveys due after a resolution, callbacks to check for a miss. */
@Entity({ schema: 'feedback', name: 'timers' })
@Index(['dueAt'])
export class FeedbackTimer extends DurableTimerRow {}

/** When the tenant's customer last got an automatic survey (the minimum interval between two). */
@Entity({ schema: 'feedback', name: 'customer_surveys' })
export class CustomerSurvey {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'last_sent_at', type: 'timestamptz' })
  lastSentAt!: Date;
}
