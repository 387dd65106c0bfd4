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
