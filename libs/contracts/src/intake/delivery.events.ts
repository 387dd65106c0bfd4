import { RESOLUTION_NOTICE_KINDS, RESOLUTION_NOTICE_RECIPIENTS } from '../resolution/resolution-notice.events';
import { ESCALATION_RECIPIENTS, NOTICE_KINDS } from '../routing/routing.events';
import { defineEvent, integer, nullable, oneOf, string, timestamp } from '../ticket/events-kit';
import { CHANNELS, type Channel } from '../ticket/vocabulary';

/**
 * Outbound delivery of one message to the customer (`delivery-<id>`, id derived from the event that
 * asked for it, so a redelivered AgentReplied cannot schedule a second delivery). Every attempt and
 * its outcome is an event: a failed delivery ends in DeliveryFailed, never in silence.
 */
export const deliveryStream = 'delivery';

export const OUTBOUND_KINDS = ['agent_reply', 'info_request', 'progress_update', 'survey'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

export const DELIVERY_TRANSPORTS = ['webhook', 'smtp'] as const;
export type DeliveryTransport = (typeof DELIVERY_TRANSPORTS)[number];

const deliveryId = string('The delivery; its stream is `delivery-<deliveryId>`.');
const ticketId = string('The ticket the message belongs to.');

export interface DeliveryRequestedData {
  deliveryId: string;
  ticketId: string;
  /** The ticket event that asked for the message (AgentReplied, ProgressUpdateSent, …). */
  sourceEventId: string;
  kind: OutboundKind;
  /** Platform message id of the outbound message (from the source event). */
  messageId: string;
  channel: Channel;
  transport: DeliveryTransport;
  text: string;
  maxAttempts: number;
}

export const DeliveryRequested = defineEvent<'DeliveryRequested', DeliveryRequestedData>({
  type: 'DeliveryRequested',
  summary: 'A message to the customer was scheduled for delivery over the channel they used.',
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    deliveryId,
    ticketId,
    sourceEventId: string('Event id of the ticket event that asked for the message.'),
    kind: oneOf(OUTBOUND_KINDS, 'What is sent.'),
    messageId: string('Platform message id of the outbound message.'),
    channel: oneOf(CHANNELS, 'Channel to deliver on (the one the customer used).'),
    transport: oneOf(DELIVERY_TRANSPORTS, '`smtp` for e-mail, signed `webhook` for chat, app, social and the rest.'),
    text: string('Text to deliver.', { allowEmpty: true, maxLength: 50_000 }),
    maxAttempts: integer('Attempts before the delivery is given up as failed.', { min: 1, max: 100 }),
  },
});

export interface DeliveryAttemptedData {
  deliveryId: string;
  ticketId: string;
  attempt: number;
  outcome: 'delivered' | 'failed';
  /** HTTP status or SMTP reply code, when the far end answered. */
  statusCode: number | null;
  detail: string;
  /** When the next attempt is due; null when this attempt ended the delivery. */
  nextAttemptAt: string | null;
}

export const DeliveryAttempted = defineEvent<'DeliveryAttempted', DeliveryAttemptedData>({
  type: 'DeliveryAttempted',
  summary: 'One attempt to deliver a message, with its outcome and, after a failure, when the next try is due (exponential backoff).',
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    deliveryId,
    ticketId,
    attempt: integer('1-based attempt number.', { min: 1 }),
    outcome: oneOf(['delivered', 'failed'] as const, 'Whether this attempt delivered the message.'),
    statusCode: nullable(integer('HTTP status or SMTP reply code.', { min: 0 })),
    detail: string('What the far end said, or why the attempt failed.', { allowEmpty: true, maxLength: 2000 }),
    nextAttemptAt: nullable(timestamp('When the next attempt is due.')),
  },
});

export interface MessageDeliveredData {
  deliveryId: string;
  ticketId: string;
  attempts: number;
  /** The id the transport knows the message by (SMTP Message-ID, webhook delivery id). */
  transportMessageId: string;
}

export const MessageDelivered = defineEvent<'MessageDelivered', MessageDeliveredData>({
  type: 'MessageDelivered',
  summary: 'The message reached the channel (webhook answered 2xx, or the SMTP server accepted it).',
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    deliveryId,
    ticketId,
    attempts: integer('Attempts it took.', { min: 1 }),
    transportMessageId: string('SMTP Message-ID or webhook delivery id.', { maxLength: 1000 }),
  },
});

export interface DeliveryFailedData {
  deliveryId: string;
  ticketId: string;
  attempts: number;
  lastError: string;
}

export const DeliveryFailed = defineEvent<'DeliveryFailed', DeliveryFailedData>({
  type: 'DeliveryFailed',
  summary: 'Every attempt failed: the message did not reach the customer, and the agent must act (listed on the ticket).',
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake', 'resolution'],
  schema: {
    deliveryId,
    ticketId,
    attempts: integer('Attempts made.', { min: 1 }),
    lastError: string('Why the last attempt failed.', { maxLength: 2000 }),
  },
});

/* Staff notices leave the platform through the same delivery streams: a RoutingNoticeSent or
 * ResolutionNoticeSent (an agent, senior, supervisor or department lead told about an SLA warning,
 * breach, escalation or overdue work) becomes `delivery-<id>` with the id derived from the notice's
 * event id, attempted and retried like a customer message, or recorded as undeliverable when the
 * tenant (and the deployment) have no destination for it. */

export const STAFF_NOTICE_SOURCES = ['RoutingNoticeSent', 'ResolutionNoticeSent'] as const;
export type StaffNoticeSource = (typeof STAFF_NOTICE_SOURCES)[number];
export const STAFF_NOTICE_KINDS = [...NOTICE_KINDS, ...RESOLUTION_NOTICE_KINDS] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];
export const STAFF_NOTICE_RECIPIENTS = [...new Set([...ESCALATION_RECIPIENTS, ...RESOLUTION_NOTICE_RECIPIENTS])] as Array<
  (typeof ESCALATION_RECIPIENTS)[number] | (typeof RESOLUTION_NOTICE_RECIPIENTS)[number]
>;
export type StaffNoticeRecipient = (typeof STAFF_NOTICE_RECIPIENTS)[number];

export interface StaffNoticeRequestedData {
  deliveryId: string;
  ticketId: string;
  /** Event id of the notice. */
  sourceEventId: string;
  noticeType: StaffNoticeSource;
  kind: StaffNoticeKind;
  /** The SLA target, collaboration task or promised time the notice is about. */
  target: string | null;
  recipientRole: StaffNoticeRecipient;
  /** The person notified; null = every supervisor of the tenant. */
  recipientId: string | null;
  escalationLevel: number;
  /** Why the person is notified (the notice's own reason). */
  reason: string;
  transport: DeliveryTransport;
  /** E-mail address the notice is mailed to (smtp); null for the tenant's staff-notice webhook. */
  address: string | null;
  text: string;
  maxAttempts: number;
}

const staffNoticeFields = {
  deliveryId,
  ticketId: string('The ticket the notice is about.'),
  sourceEventId: string('Event id of the RoutingNoticeSent or ResolutionNoticeSent.'),
  noticeType: oneOf(STAFF_NOTICE_SOURCES, 'Which service notified.'),
  kind: oneOf(STAFF_NOTICE_KINDS, 'What the notice is about.'),
  recipientRole: oneOf(STAFF_NOTICE_RECIPIENTS, 'Who is notified (step of the escalation chain, or department lead).'),
  recipientId: nullable(string('Person notified; null = every supervisor.', { maxLength: 200 })),
};

export const StaffNoticeRequested = defineEvent<'StaffNoticeRequested', StaffNoticeRequestedData>({
  type: 'StaffNoticeRequested',
  summary: "A notice to staff (SLA warning, breach, escalation, overdue work) was scheduled for delivery to the tenant's staff-notice webhook or a staff e-mail address.",
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    ...staffNoticeFields,
    target: nullable(string('SLA target, collaboration task or promised time.', { maxLength: 200 })),
    escalationLevel: integer('Escalation level of the notice.', { min: 0, max: 3 }),
    reason: string('Why the person is notified.', { maxLength: 1000 }),
    transport: oneOf(DELIVERY_TRANSPORTS, '`smtp` to a staff address, or the signed staff-notice `webhook`.'),
    address: nullable(string('E-mail address (smtp only).', { maxLength: 320, pattern: { regex: /^[^@\s]+@[^@\s]+$/, label: 'an e-mail address' } })),
    text: string('Text of the notice.', { maxLength: 5000 }),
    maxAttempts: integer('Attempts before the delivery is given up as failed.', { min: 1, max: 100 }),
  },
  rules: (data) => [
    ...(data.transport === 'smtp' && data.address === null ? ['data.address is required for an e-mailed notice'] : []),
    ...(data.transport === 'webhook' && data.address !== null ? ['data.address must be null for a webhook notice'] : []),
  ],
});

export interface StaffNoticeUndeliverableData {
  deliveryId: string;
  ticketId: string;
  sourceEventId: string;
  noticeType: StaffNoticeSource;
  kind: StaffNoticeKind;
  recipientRole: StaffNoticeRecipient;
  recipientId: string | null;
  /** Why it cannot leave the platform (no destination configured for this recipient). */
  reason: string;
}

export const StaffNoticeUndeliverable = defineEvent<'StaffNoticeUndeliverable', StaffNoticeUndeliverableData>({
  type: 'StaffNoticeUndeliverable',
  summary: 'A notice to staff could not be sent outside the platform because neither the tenant nor the deployment configured a destination for it (it stays in the in-app inbox).',
  streamCategory: deliveryStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    ...staffNoticeFields,
    reason: string('Why the notice is undeliverable.', { maxLength: 1000 }),
  },
});
