import type { EventEnvelope, NewEvent } from '@ticketing/contracts';
import { ticketDecider, ticketExists, type Ticket, type TicketCommand, type TicketState } from '@ticketing/ticket';

/**
 * A decider that asks `plan` for commands given the ticket as its stream says it is now, and
 * decides them one after another into one append. Routing's reactions are planned from the
 * authoritative state (not the read model), so a timer that fires twice finds nothing left to do.
 */
export function planDecider(plan: (ticket: Ticket) => TicketCommand[]) {
  return {
    ...ticketDecider,
    decide: (_: unknown, state: TicketState): NewEvent[] => {
      if (!ticketExists(state)) return [];
      const out: NewEvent[] = [];
      let current: TicketState = state;
      for (const command of plan(state)) {
        const events = ticketDecider.decide(command, current);
        for (const event of events) {
          out.push(event);
          current = ticketDecider.evolve(current, { ...event, eventId: '', streamId: '', streamPosition: 0, globalPosition: '0' } as unknown as Parameters<typeof ticketDecider.evolve>[1] & EventEnvelope);
        }
      }
      return out;
    },
  };
}
