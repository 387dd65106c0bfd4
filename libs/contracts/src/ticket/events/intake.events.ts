import { SUBCATEGORY_SLUG } from '../../intake/classification-settings.events';
import { DELIVERY_TRANSPORTS, OUTBOUND_KINDS, type DeliveryTransport, type OutboundKind } from '../../intake/delivery.events';
import { arrayOf, boolean, defineEvent, integer, nullable, number, oneOf, string } from '../events-kit';
import { CATEGORIES, CLASSIFICATION_SOURCES, PRIORITIES, type Category, type Channel, type ClassificationSource, type Priority } from '../vocabulary';
import { attachment, channel, messageId, ticketId, ticketStream, type AttachmentRef } from './shared-fields';

export interface CustomerMessageReceivedData {
  ticketId: string;
  messageId: string;
  channel: Channel;
  channelMessageId: string;
  text: string;
  attachments: AttachmentRef[];
}

export const CustomerMessageReceived = defineEvent<'CustomerMessageReceived', CustomerMessageReceivedData>({
  type: 'CustomerMessageReceived',
  summary: 'A further customer message was threaded onto an existing ticket.',
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['routing', 'resolution', 'knowledge'],
  schema: {
    ticketId,
    messageId,
    channel,
    channelMessageId: string('Id of the message on its channel, for de-duplication of redeliveries.'),
    text: string('Message text; may be empty when only attachments were sent.', { allowEmpty: true, maxLength: 50_000 }),
    attachments: arrayOf(attachment, 'Files sent with the message.', { maxItems: 50 }),
  },
});

export interface ClassificationData {
  category: Category;
  priority: Priority;
  /** A complaint gets stricter SLAs and a supervisor's eye, whatever its category. */
  complaint: boolean;
  source: ClassificationSource;
  /** Added with the tenant taxonomy (TicketClassified v3, TicketReclassified v2): the tenant's subcategory slug under `category`, or null. */
  subcategory: string | null;
}

const classification = {
  category: oneOf(CATEGORIES, 'What the request is about.'),
  priority: oneOf(PRIORITIES, 'How urgently it must be handled.'),
  complaint: boolean('Whether the customer is complaining (stricter SLA, supervisor visibility).'),
  source: oneOf(CLASSIFICATION_SOURCES, 'Who classified: keyword rules, a model, or an agent.'),
  subcategory: nullable(
    string("The tenant's own subcategory under `category` (a slug from its taxonomy); null when none applies. Services that key on categories ignore it.", {
      pattern: { regex: SUBCATEGORY_SLUG, label: 'a subcategory slug (a-z, 0-9, - or _, 2-64 characters)' },
    }),
  ),
};

export interface TicketClassifiedData extends ClassificationData {
  ticketId: string;
  /** Classifier confidence in [0, 1]; 1 for agents and rules. */
  confidence: number;
  tags: string[];
  /** Added in v2: the detected language (zh-Hans, zh-Hant, en, und). */
  language: string;
  /** Added in v2: the model was not confident enough; a human must set the category (it is `other` until then). */
  needsTriage: boolean;
  /** Added in v2: the model's best category when it was not used (triage), for the triaging agent. */
  suggestedCategory: Category | null;
}

/** What v1 looked like: no language, triage flag or suggestion. Kept so the upcaster has a typed input. */
export type TicketClassifiedDataV1 = Omit<TicketClassifiedData, 'language' | 'needsTriage' | 'suggestedCategory' | 'subcategory'>;
/** v2: no subcategory. */
export type TicketClassifiedDataV2 = Omit<TicketClassifiedData, 'subcategory'>;

export const TicketClassified = defineEvent<'TicketClassified', TicketClassifiedData>({
  type: 'TicketClassified',
  schemaVersion: 3,
  summary: 'The ticket received its first category, priority and complaint flag.',
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['routing', 'resolution', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    ...classification,
    confidence: number('Classifier confidence; 1 for agents and rules.', { min: 0, max: 1 }),
    tags: arrayOf(string('A free-form tag.', { maxLength: 100 }), 'Tags for search and reporting.', { maxItems: 50 }),
    language: string('Detected language of the message (BCP 47: zh-Hans, zh-Hant, en; und when unknown).', { maxLength: 35 }),
    needsTriage: boolean('The model was unsure: a human must classify (category is `other` until then).'),
    suggestedCategory: nullable(oneOf(CATEGORIES, "The model's best category when it was too unsure to use it.")),
  },
  rules: (data) => (data.needsTriage || data.suggestedCategory === null ? [] : ['data.suggestedCategory must be null unless data.needsTriage']),
  upcasters: [
    {
      fromVersion: 1,
      description: 'adds `language` (und), `needsTriage` (false) and `suggestedCategory` (null): v1 classifications were used as given.',
      upcast: (data) => ({ ...(data as unknown as TicketClassifiedDataV1), language: 'und', needsTriage: false, suggestedCategory: null }),
    },
    {
      fromVersion: 2,
      description: 'adds `subcategory` (null): tenants had no subcategories before.',
      upcast: (data) => ({ ...(data as unknown as TicketClassifiedDataV2), subcategory: null }),
    },
  ],
});

export interface TicketReclassifiedData extends ClassificationData {
  ticketId: string;
  previousCategory: Category | null;
  previousPriority: Priority | null;
  /** Added in v2: the subcategory before the change. */
  previousSubcategory: string | null;
  reason: string;
}

/** v1: no subcategories. */
export type TicketReclassifiedDataV1 = Omit<TicketReclassifiedData, 'subcategory' | 'previousSubcategory'>;

export const TicketReclassified = defineEvent<'TicketReclassified', TicketReclassifiedData>({
  type: 'TicketReclassified',
  schemaVersion: 2,
  summary: 'Category, priority or complaint flag changed after the first classification.',
  streamCategory: ticketStream,
  producers: ['intake', 'resolution'],
  consumers: ['routing', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    ...classification,
    previousCategory: nullable(oneOf(CATEGORIES, 'Category before the change.')),
    previousPriority: nullable(oneOf(PRIORITIES, 'Priority before the change.')),
    previousSubcategory: nullable(string('Subcategory before the change.', { pattern: { regex: SUBCATEGORY_SLUG, label: 'a subcategory slug' } })),
    reason: string('Why it was reclassified (shown in the audit trail).', { maxLength: 1000 }),
  },
  upcasters: [
    {
      fromVersion: 1,
      description: 'adds `subcategory` and `previousSubcategory` (null): tenants had no subcategories before.',
      upcast: (data) => ({ ...(data as unknown as TicketReclassifiedDataV1), subcategory: null, previousSubcategory: null }),
    },
  ],
});

export interface ReplyDeliveryFailedData {
  ticketId: string;
  /** The delivery that gave up; its own stream `delivery-<deliveryId>` holds every attempt. */
  deliveryId: string;
  /** Platform message id of the message that did not arrive (the reply, update or survey). */
  messageId: string;
  kind: OutboundKind;
  channel: Channel;
  transport: DeliveryTransport;
  attempts: number;
  /** Why the last attempt failed. */
  reason: string;
}

export const ReplyDeliveryFailed = defineEvent<'ReplyDeliveryFailed', ReplyDeliveryFailedData>({
  type: 'ReplyDeliveryFailed',
  summary: "A message to the customer could not be delivered after every retry; on the ticket's own timeline so the agent sees it and can reach the customer another way.",
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['resolution'],
  schema: {
    ticketId,
    deliveryId: string('The delivery that failed (stream `delivery-<deliveryId>`).'),
    messageId,
    kind: oneOf(OUTBOUND_KINDS, 'What was not delivered.'),
    channel,
    transport: oneOf(DELIVERY_TRANSPORTS, 'How it was sent: `smtp` or signed `webhook`.'),
    attempts: integer('Attempts made before giving up.', { min: 1 }),
    reason: string('Why the last attempt failed.', { maxLength: 2000 }),
  },
});
