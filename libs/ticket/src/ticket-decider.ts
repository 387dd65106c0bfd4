import type { NewTicketEvent } from '@ticketing/contracts';
import type { TicketCommand } from './commands/ticket-commands';
import { decideWith } from './decide/decide';
import { evolve } from './evolve';
import { defaultTicketPolicy, type TicketPolicy } from './ticket-policy';
import { initialState, type TicketState } from './ticket-state';

/** The shape `handleCommand` in libs/eventstore expects. */
export interface TicketDecider {
  decide(command: TicketCommand, state: TicketState): NewTicketEvent[];
  evolve: typeof evolve;
  initialState: typeof initialState;
}

/** A decider with a tenant's policy (reopen window, approval limits) merged over the defaults. */
export function createTicketDecider(policy: Partial<TicketPolicy> = {}): TicketDecider {
  return { decide: decideWith({ ...defaultTicketPolicy, ...policy }), evolve, initialState };
}

export const ticketDecider: TicketDecider = createTicketDecider();

/** `decide` with the default policy. */
export const decide = ticketDecider.decide;
