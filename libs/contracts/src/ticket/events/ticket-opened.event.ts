import { arrayOf, defineEvent, nullable, oneOf, string } from '../events-kit';
import {
  CHANNEL_CLASSES,
  CUSTOMER_TIERS,
  channelClassOf,
  type Channel,
  type ChannelClass,
  type CustomerTier,
} from '../vocabulary';
import { attachment, channel, language, ticketId, ticketStream, type AttachmentRef } from './shared-fields';

export interface TicketOpenedData {
  ticketId: string;
  channel: Channel;
  /** Added in v2. */
  channelClass: ChannelClass;
  /** The message id on the channel (email Message-ID, chat message id, call id) for threading and dedup. */
  channelMessageId: string;
  customerId: string;
  customerTier: CustomerTier;
  subject: string;
  text: string;
  orderNumber: string | null;
  attachments: AttachmentRef[];
  language: string;
}

/** What v1 looked like: no `channelClass`. Kept so the upcaster has a typed input. */
export type TicketOpenedDataV1 = Omit<TicketOpenedData, 'channelClass'>;

export const TicketOpened = defineEvent<'TicketOpened', TicketOpenedData>({
  type: 'TicketOpened',
  schemaVersion: 2,
  summary: 'A customer request became a ticket (status `new`).',
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['routing', 'resolution', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    channel: channel,
    channelClass: oneOf(CHANNEL_CLASSES, '`instant` (chat, hotline) or `async` (everything else); drives SLA policy and routing.'),
    channelMessageId: string('Id of the first message on its channel, for threading and de-duplication.'),
    customerId: string('The customer (stream `customer-<id>`).'),
    customerTier: oneOf(CUSTOMER_TIERS, 'Customer tier at the time of opening.'),
    subject: string('Subject line (email) or a summary derived from the first message.', { maxLength: 500 }),
    text: string('The first message as plain text; may be empty when only attachments were sent.', { allowEmpty: true, maxLength: 50_000 }),
    orderNumber: nullable(string('The shop order the request is about, when known.')),
    attachments: arrayOf(attachment, 'Files sent with the first message.', { maxItems: 50 }),
    language,
  },
  rules: (data) =>
    // Instant vs async is a property of the channel today; a mismatch means the writer is confused.
    data.channelClass === channelClassOf(data.channel)
      ? []
      : [`data.channelClass must be ${channelClassOf(data.channel)} for channel ${data.channel}`],
  upcasters: [
    {
      fromVersion: 1,
      description: 'adds `channelClass`, derived from `channel` (chat/hotline = instant, others async).',
      upcast: (data) => {
        const v1 = data as unknown as TicketOpenedDataV1;
        return { ...data, channelClass: channelClassOf(v1.channel) };
      },
    },
  ],
});
