import { defineEvent, nullable, oneOf, string } from '../ticket/events-kit';
import { CHANNELS, type Channel } from '../ticket/vocabulary';

/**
 * A conversation is what a customer experiences as "one thread" on a channel: a chat session, an
 * e-mail thread (keyed by its root Message-ID), or, on channels without either, the customer's
 * handle. Its stream `conversation-<id>` says which ticket the next message belongs to; appending
 * the link with an expected revision is what keeps two simultaneous first messages of one chat
 * session from opening two tickets.
 */
export const conversationStream = 'conversation';

export const CONVERSATION_LINK_REASONS = ['new_conversation', 'reopen_window_expired', 'ticket_closed'] as const;
export type ConversationLinkReason = (typeof CONVERSATION_LINK_REASONS)[number];

export const CONVERSATION_KEY_KINDS = ['session', 'email_thread', 'handle'] as const;
export type ConversationKeyKind = (typeof CONVERSATION_KEY_KINDS)[number];

export interface ConversationTicketLinkedData {
  channel: Channel;
  keyKind: ConversationKeyKind;
  /** The session id, the thread's root Message-ID, or the handle. */
  conversationKey: string;
  /** Where replies go: e-mail address, phone, app user id or social handle on `channel`. */
  customerHandle: string;
  ticketId: string;
  /** The ticket this one follows up when the old one could no longer take messages. */
  previousTicketId: string | null;
  reason: ConversationLinkReason;
}

export const ConversationTicketLinked = defineEvent<'ConversationTicketLinked', ConversationTicketLinkedData>({
  type: 'ConversationTicketLinked',
  summary: "The conversation's next messages go to this ticket (a new conversation, or a follow-up ticket linked to the previous one).",
  streamCategory: conversationStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    channel: oneOf(CHANNELS, 'Channel of the conversation.'),
    keyKind: oneOf(CONVERSATION_KEY_KINDS, 'What identifies the conversation: chat session, e-mail thread root, or handle.'),
    conversationKey: string('Session id, root Message-ID or handle.', { maxLength: 1000 }),
    customerHandle: string("The customer's address on the channel (where replies are delivered).", { maxLength: 320 }),
    ticketId: string('Ticket that receives the next messages.'),
    previousTicketId: nullable(string('Ticket this one follows up (resolved outside the reopen window, or closed).')),
    reason: oneOf(CONVERSATION_LINK_REASONS, 'Why the conversation points to this ticket now.'),
  },
});
