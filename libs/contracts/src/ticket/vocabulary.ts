/**
 * The shared vocabulary of a ticket: every enum a ticket event, command, API or read model may use.
 * Values are lower snake_case strings so they read the same in JSON, SQL and Kafka headers; adding a
 * value is backwards compatible for writers, so consumers must tolerate values they do not know.
 */

/** Where a customer reached us. */
export const CHANNELS = ['chat', 'app', 'email', 'social', 'webform', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Instant channels expect an answer within the session (minutes); async ones within hours. SLA
 * policies and routing capacity differ by class, so it is carried on the ticket, not re-derived. */
export const CHANNEL_CLASSES = ['instant', 'async'] as const;
export type ChannelClass = (typeof CHANNEL_CLASSES)[number];

const CLASS_OF_CHANNEL: Record<Channel, ChannelClass> = {
  chat: 'instant',
  hotline: 'instant',
  app: 'async',
  email: 'async',
  social: 'async',
  webform: 'async',
};

export function channelClassOf(channel: Channel): ChannelClass {
  return CLASS_OF_CHANNEL[channel];
}

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORIES = [
  'presale_inquiry',
  'order_status',
  'logistics',
  'order_change',
  'order_cancel',
  'return_exchange',
  'refund',
  'payment',
  'account_security',
  'technical_fault',
  'feedback_suggestion',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CUSTOMER_TIERS = ['regular', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** `new` = opened, nobody works on it yet; `merged` is terminal and distinct from `closed` because a
 * merged ticket can never be reopened (its conversation lives on in the target). */
export const TICKET_STATUSES = [
  'new',
  'open',
  'pending_customer',
  'pending_third_party',
  'resolved',
  'closed',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const COMPENSATION_KINDS = [
  'coupon',
  'points',
  'partial_refund',
  'full_refund',
  'reship',
  'replacement',
  'return_shipping_paid',
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** API roles (authorisation), as opposed to ACTOR_KINDS in the envelope (who caused an event).
 * A manager is a supervisor with the top tier of compensation authority. */
export const ROLES = ['customer', 'agent', 'supervisor', 'manager', 'admin', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may also do what other roles may (admin may do everything, see the auth guard). */
export const ROLE_INCLUDES: Readonly<Partial<Record<Role, readonly Role[]>>> = { manager: ['supervisor'] };

/** The SLA targets a ticket can be measured against; each has at most one clock per ticket. */
export const SLA_TARGETS = ['first_response', 'next_response', 'progress_update', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export const SLA_PAUSE_REASONS = ['awaiting_customer', 'awaiting_third_party', 'outside_business_hours', 'manual'] as const;
export type SlaPauseReason = (typeof SLA_PAUSE_REASONS)[number];

/** Why routing picked this agent/group: kept on the event so a supervisor can audit the decision. */
export const ASSIGNMENT_REASONS = [
  'skill_match',
  'least_loaded',
  'round_robin',
  'previous_agent',
  'vip_dedicated',
  'escalation',
  'manual',
] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

export const UNASSIGNMENT_REASONS = ['agent_offline', 'agent_unavailable', 'capacity_rebalance', 'manual', 'requeued'] as const;
export type UnassignmentReason = (typeof UNASSIGNMENT_REASONS)[number];

export const ESCALATION_REASONS = ['sla_warning', 'sla_breach', 'vip', 'complaint', 'repeated_contact', 'manual'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Other departments an agent can pull into a ticket. */
export const DEPARTMENTS = ['warehouse', 'logistics', 'finance', 'technical', 'merchant', 'legal', 'other'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const RESOLUTION_CODES = [
  'answered',
  'order_updated',
  'refunded',
  'replaced',
  'reshipped',
  'technical_fix',
  'no_action_needed',
  'customer_unresponsive',
  /** The customer accepted a self-service answer; no agent work was needed. */
  'deflected',
  'other',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const REOPEN_REASONS = ['customer_replied', 'customer_request', 'agent_request', 'second_service', 'quality_review'] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

/** `spam` and `duplicate` may close an unresolved ticket; the others follow a resolution. */
export const CLOSE_REASONS = ['auto_after_resolution', 'manual', 'spam', 'duplicate'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const SECOND_SERVICE_REASONS = ['low_rating', 'customer_request', 'quality_review'] as const;
export type SecondServiceReason = (typeof SECOND_SERVICE_REASONS)[number];

export const CLASSIFICATION_SOURCES = ['rules', 'model', 'agent'] as const;
export type ClassificationSource = (typeof CLASSIFICATION_SOURCES)[number];

/** Satisfaction is a 1–5 scale; ratings at or below this count as dissatisfied. */
export const SATISFACTION_SCALE = { min: 1, max: 5, dissatisfiedAtOrBelow: 2 } as const;
