import { integer, nullable, object, oneOf, string } from '../../schema/schema';
import { StreamCategory } from '../../streams';
import { CHANNELS, SLA_TARGETS } from '../vocabulary';

/** Every ticket event lives in `ticket-<ticketId>`; the id is repeated in `data` so projections and
 * Kafka consumers need not parse stream ids. */
export const ticketStream = StreamCategory.ticket;

export const ticketId = string('The ticket this event belongs to; its stream is `ticket-<ticketId>`.');

/** A file kept in object storage; events carry only the reference, never the bytes. */
export interface AttachmentRef {
  attachmentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Object-storage URI (e.g. `s3://bucket/key`), resolved by the service that serves files. */
  storageRef: string;
}

export const attachment = object<AttachmentRef>(
  {
    attachmentId: string('Stable id of the attachment.'),
    fileName: string('Original file name as the customer sent it.', { maxLength: 255 }),
    contentType: string('MIME type, e.g. `image/jpeg`.'),
    sizeBytes: integer('Size in bytes.', { min: 0 }),
    storageRef: string('Object-storage URI of the content.'),
  },
  'A file attached by reference.',
  'AttachmentRef',
);

export const channel = oneOf(CHANNELS, 'The channel the message went through.');
export const slaTarget = oneOf(SLA_TARGETS, 'Which SLA target this clock measures.');

/** Monetary amounts are integers in the currency's minor unit (cents) so no float ever touches money. */
export const amount = integer('Amount in minor units (e.g. cents); for `points`, the number of points.', { min: 0 });
export const currency = nullable(
  string('ISO-4217 currency code; null for `points`.', { pattern: { regex: /^[A-Z]{3}$/, label: 'a 3-letter ISO-4217 code' } }),
);

export const language = string('BCP-47 language tag of the customer, e.g. `en`, `zh-CN`.', {
  pattern: { regex: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, label: 'a BCP-47 language tag' },
});

export const messageId = string('Platform id of this message in the ticket conversation.');
export const agentId = string('The agent (user id).');
export const optionalText = (description: string) => nullable(string(description, { maxLength: 10_000 }));
