import type { EventEnvelope, NewEvent } from '@ticketing/contracts';

/** A pure decision model (Emmett/Chassaing style): state is the fold of the stream's events,
 * a command is decided against it into new events. No I/O, no clock. */
export interface Decider<State, Command, Stored extends EventEnvelope = EventEnvelope, New extends NewEvent = NewEvent> {
  decide(command: Command, state: State): New[];
  evolve(state: State, event: Stored): State;
  initialState(): State;
}

export type Evolve<State, Stored extends EventEnvelope = EventEnvelope> = (state: State, event: Stored) => State;
