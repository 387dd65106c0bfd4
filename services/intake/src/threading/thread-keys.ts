import { streamId, type Channel, type ConversationKeyKind } from '@ticketing/contracts';
import { v5 as uuidv5 } from 'uuid';

/** Namespace of intake's name-based ids (conversations, deliveries, message ids). */
const NAMESPACE = '0b7f6c3e-2a41-4d8e-b1f5-6a9c2e7d4f10';

export function conversationStreamFor(tenantId: string, channel: Channel, keyKind: ConversationKeyKind, key: string): string {
  // E-mail addresses and handles compare case-insensitively; session ids and Message-IDs do not.
  const normalised = keyKind === 'handle' ? key.trim().toLowerCase() : key.trim();
  return streamId('conversation', uuidv5(`${tenantId}\u0000${channel}\u0000${keyKind}\u0000${normalised}`, NAMESPACE));
}

/** The platform id of an inbound message: the same channel message always gets the same id. */
export function inboundMessageId(tenantId: string, channel: Channel, channelMessageId: string): string {
  return uuidv5(`${tenantId}\u0000in\u0000${channel}\u0000${channelMessageId}`, NAMESPACE);
}

/** One delivery per ticket event that asked for a message, however often that event is consumed. */
export function deliveryIdFor(tenantId: string, sourceEventId: string): string {
  return uuidv5(`${tenantId}\u0000delivery\u0000${sourceEventId}`, NAMESPACE);
}

/** `[#1a2b3c4d]`: short enough for a subject line, and what customers quote when they write anew. */
export function ticketReference(ticketId: string): string {
  return `[#${ticketId.slice(0, 8)}]`;
}

export function ticketReferenceIn(subject: string): string | null {
  const match = /\[#([0-9a-f]{8})\]/i.exec(subject);
  return match ? match[1].toLowerCase() : null;
}

/** Message-ID of a mail we send: carries the ticket, so a reply's In-Reply-To finds it without a lookup. */
export function outboundMessageId(ticketId: string, deliveryId: string, domain: string): string {
  return `ticket.${ticketId}.${deliveryId}@${domain}`;
}

export function ticketIdInMessageId(messageId: string): string | null {
  const match = /^ticket\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\./i.exec(messageId);
  return match ? match[1].toLowerCase() : null;
}
