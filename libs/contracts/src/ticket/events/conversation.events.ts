import { arrayOf, boolean, defineEvent, nullable, string, timestamp } from '../events-kit';
import type { Channel } from '../vocabulary';
import { agentId, attachment, channel, messageId, ticketId, ticketStream, type AttachmentRef } from './shared-fields';

/* Messages to the customer: intake delivers them over `channel`. */

const outboundText = string('Message text as sent to the customer.', { maxLength: 50_000 });

export interface AgentRepliedData {
  ticketId: string;
  messageId: string;
  agentId: string;
  channel: Channel;
  text: string;
  attachments: AttachmentRef[];
  /** Set by the decider: this is the first agent reply (meets the first_response SLA). */
  firstResponse: boolean;
  /** Knowledge-base articles the agent used, so knowledge can learn which articles help. */
  articleIds: string[];
}

export const AgentReplied = defineEvent<'AgentReplied', AgentRepliedData>({
  type: 'AgentReplied',
  summary: 'An agent answered the customer (meets the first/next response SLA).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['intake', 'routing', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    messageId,
    agentId: agentId,
    channel,
    text: outboundText,
    attachments: arrayOf(attachment, 'Files sent with the reply.', { maxItems: 50 }),
    firstResponse: boolean('Whether this is the first agent reply on the ticket.'),
    articleIds: arrayOf(string('Article id.'), 'Knowledge articles used in the reply.', { maxItems: 20 }),
  },
});

export interface InternalNoteAddedData {
  ticketId: string;
  noteId: string;
  authorId: string;
  text: string;
  mentions: string[];
}

export const InternalNoteAdded = defineEvent<'InternalNoteAdded', InternalNoteAddedData>({
  type: 'InternalNoteAdded',
  summary: 'A note visible only to staff; never delivered to the customer.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: {
    ticketId,
    noteId: string('Id of the note.'),
    authorId: string('Staff member who wrote it.'),
    text: string('Note text.', { maxLength: 50_000 }),
    mentions: arrayOf(string('User id.'), 'Staff mentioned (to be notified).', { maxItems: 50 }),
  },
});

export interface CustomerInfoRequestedData {
  ticketId: string;
  messageId: string;
  agentId: string;
  channel: Channel;
  text: string;
  /** What is missing, e.g. `order_number`, `photo`, `address`; lets intake prompt structurally. */
  requestedFields: string[];
}

export const CustomerInfoRequested = defineEvent<'CustomerInfoRequested', CustomerInfoRequestedData>({
  type: 'CustomerInfoRequested',
  summary: 'The agent asked the customer for information; the ticket waits on the customer (`pending_customer`).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['intake', 'routing', 'feedback'],
  schema: {
    ticketId,
    messageId,
    agentId: agentId,
    channel,
    text: outboundText,
    requestedFields: arrayOf(string('A field name.'), 'What the customer should provide.', { maxItems: 20 }),
  },
});

export interface ProgressUpdateSentData {
  ticketId: string;
  messageId: string;
  channel: Channel;
  text: string;
  /** Sent by a policy (e.g. "still working on it" every 24 h) rather than typed by an agent. */
  automated: boolean;
  /** When we now promise the customer a resolution (v2); null = no promise made. A ticket past its
   * promise without a newer update is surfaced on the work list. */
  expectedResolutionAt: string | null;
}

export const ProgressUpdateSent = defineEvent<'ProgressUpdateSent', ProgressUpdateSentData>({
  type: 'ProgressUpdateSent',
  schemaVersion: 2,
  summary: 'The customer was told how their long-running request is progressing (does not count as a reply).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['intake', 'feedback'],
  schema: {
    ticketId,
    messageId,
    channel,
    text: outboundText,
    automated: boolean('Whether a policy sent it rather than an agent.'),
    expectedResolutionAt: nullable(timestamp('When the customer was told to expect a resolution.')),
  },
  upcasters: [
    { fromVersion: 1, description: 'adds expectedResolutionAt (null: v1 updates promised no time)', upcast: (data) => ({ ...data, expectedResolutionAt: null }) },
  ],
});
