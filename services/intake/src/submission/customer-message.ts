import type { Channel, ConversationKeyKind, CustomerTier } from '@ticketing/contracts';

export interface AttachmentInput {
  url: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

/** A customer message from any channel, as the submission service threads it. */
export interface CustomerMessage {
  channel: Channel;
  channelMessageId: string;
  customerHandle: string;
  customerId?: string;
  customerTier?: CustomerTier;
  subject?: string;
  text: string;
  orderNumber?: string;
  language?: string;
  attachments: AttachmentInput[];
  /** What identifies the conversation this message belongs to. */
  conversation: { keyKind: ConversationKeyKind; key: string };
  /** Tickets the message names itself (e-mail: our Message-IDs in In-Reply-To/References, `[#ref]` in the subject). */
  referencedTicketIds: string[];
}

/** `survey_*`: a rating-only reply to the ticket's survey (recorded as its answer, or not: already answered, past the deadline). */
export type SubmissionOutcome =
  | 'opened'
  | 'appended'
  | 'duplicate'
  | 'reopened'
  | 'follow_up_opened'
  | 'survey_answered'
  | 'survey_already_answered'
  | 'survey_expired';

export interface SubmissionResult {
  ticketId: string;
  outcome: SubmissionOutcome;
  /** The ticket a follow-up ticket continues. */
  previousTicketId: string | null;
  /** Platform id of the message on the ticket. */
  messageId: string;
  ticketReference: string;
}

/** A subject for channels that have none: the first line of the text, shortened. */
export function subjectFrom(text: string, channel: Channel): string {
  const firstLine = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  if (firstLine === '') return `${channel} message`;
  return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
}

/** The JSON submission (REST or gRPC) as a message: its id, and the conversation it belongs to. */
export function messageFromSubmission(
  request: {
    channel: Channel;
    channelMessageId?: string;
    conversationId?: string;
    customerHandle: string;
    customerId?: string;
    customerTier?: CustomerTier;
    subject?: string;
    text: string;
    orderNumber?: string;
    language?: string;
    attachments?: AttachmentInput[];
  },
  idempotencyKey: string | undefined,
  freshId: () => string,
): CustomerMessage {
  const { conversationId, channelMessageId, attachments, ...rest } = request;
  // Without a channel id, the Idempotency-Key identifies the message; with neither, every call is new.
  const id = channelMessageId ?? (idempotencyKey ? `idempotency-key:${idempotencyKey}` : `generated:${freshId()}`);
  const conversation: CustomerMessage['conversation'] = conversationId
    ? { keyKind: 'session', key: conversationId }
    : request.channel === 'email'
      ? { keyKind: 'email_thread', key: id }
      : { keyKind: 'handle', key: request.customerHandle };
  return { ...rest, channelMessageId: id, attachments: attachments ?? [], conversation, referencedTicketIds: [] };
}
