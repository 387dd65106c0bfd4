import { ConversationTicketLinked, stampEvent, type CommandMetadata, type ConversationTicketLinkedData, type EventEnvelope, type NewEvent } from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';

/** Which ticket a conversation's next message goes to (`conversation-<id>`). */
export interface ConversationState {
  ticketId: string | null;
  tenantId: string | null;
}

export interface LinkConversation {
  metadata: CommandMetadata;
  data: ConversationTicketLinkedData;
  /** The ticket the caller saw the conversation on (null: none); a different one means someone else moved it. */
  expectedTicketId: string | null;
}

/** Another message re-linked the conversation first: the caller re-reads it and threads again. */
export class ConversationMovedError extends Error {
  constructor(readonly currentTicketId: string | null) {
    super(`conversation now points to ${currentTicketId ?? 'no ticket'}`);
    this.name = 'ConversationMovedError';
  }
}

export const conversationDecider: Decider<ConversationState, LinkConversation> = {
  initialState: () => ({ ticketId: null, tenantId: null }),
  evolve: (state: ConversationState, event: EventEnvelope) =>
    ConversationTicketLinked.is(event) ? { ticketId: event.data.ticketId, tenantId: event.tenantId } : state,
  decide: (command: LinkConversation, state: ConversationState): NewEvent[] => {
    if (state.ticketId === command.data.ticketId) return [];
    if (state.ticketId !== command.expectedTicketId) throw new ConversationMovedError(state.ticketId);
    return [stampEvent(ConversationTicketLinked, command.metadata, command.data)];
  },
};
