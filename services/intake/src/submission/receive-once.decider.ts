import { CustomerMessageReceived, TicketOpened, type EventEnvelope, type NewTicketEvent, type TicketEvent } from '@ticketing/contracts';
import { ticketDecider, type TicketCommand, type TicketState } from '@ticketing/ticket';

/** The ticket as the decider folds it, plus the channel message ids already on it. */
export interface ReceivingState {
  ticket: TicketState;
  channelMessageIds: ReadonlySet<string>;
}

/**
 * The ticket decider, except that a channel message already on the ticket is not appended again.
 * The decider itself does not remember message ids; the stream does, so a retried follow-up is
 * recognised from the same events it would be appended to (and a concurrent retry loses the
 * expected-revision race, reloads and finds its twin).
 */
export const receiveOnceDecider = {
  initialState: (): ReceivingState => ({ ticket: ticketDecider.initialState(), channelMessageIds: new Set() }),
  evolve: (state: ReceivingState, event: EventEnvelope): ReceivingState => {
    const ticket = ticketDecider.evolve(state.ticket, event as TicketEvent);
    const id = TicketOpened.is(event) || CustomerMessageReceived.is(event) ? event.data.channelMessageId : null;
    return { ticket, channelMessageIds: id === null ? state.channelMessageIds : new Set([...state.channelMessageIds, id]) };
  },
  decide: (command: TicketCommand, state: ReceivingState): NewTicketEvent[] =>
    command.type === 'ReceiveCustomerMessage' && state.channelMessageIds.has(command.data.channelMessageId)
      ? []
      : ticketDecider.decide(command, state.ticket),
};
