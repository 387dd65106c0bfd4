import type { EventEnvelope, NewEvent } from '@ticketing/contracts';
import { type EventStore, type RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { aggregateStream } from './aggregate-stream';
import type { Decider } from './decider';

export const DEFAULT_COMMAND_RETRIES = 5;

export interface HandleCommandOptions<State, Command, Stored extends EventEnvelope, New extends NewEvent> {
  store: EventStore;
  streamId: string;
  decider: Decider<State, Command, Stored, New>;
  command: Command;
  /** The revision the caller saw (If-Match). When given, a mismatch surfaces as
   * WrongExpectedRevisionError instead of being retried: the caller decided on stale state. */
  expectedRevision?: number;
  /** Called on every new event before anything is written; throwing aborts the command. */
  validate?: (event: New) => void;
  /** Reload-and-decide-again attempts after a conflict (only without expectedRevision). */
  maxRetries?: number;
}

export interface CommandResult<State> {
  /** The events written, as stored (empty when the decision was "nothing to do"). */
  newEvents: RecordedEvent[];
  /** State after the new events. */
  state: State;
  /** The stream's revision after the command; -1 when the stream still does not exist. */
  nextExpectedRevision: number;
}

/** Load → fold → decide → validate → append with the revision read. A concurrent writer makes the
 * append fail; then the stream is reloaded and the command decided again, because the invariants
 * live in the decider and must be checked against the state that actually precedes our events. */
export async function handleCommand<State, Command, Stored extends EventEnvelope = EventEnvelope, New extends NewEvent = NewEvent>(
  options: HandleCommandOptions<State, Command, Stored, New>,
): Promise<CommandResult<State>> {
  const { store, streamId, decider, command } = options;
  const maxRetries = options.expectedRevision === undefined ? (options.maxRetries ?? DEFAULT_COMMAND_RETRIES) : 0;

  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await aggregateStream(store, streamId, decider.evolve, decider.initialState);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, revision);
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { newEvents: [], state, nextExpectedRevision: revision };
    if (options.validate) decided.forEach((event) => options.validate!(event));

    try {
      const result = await store.appendToStream(streamId, decided, {
        expectedRevision: revision === -1 ? 'no_stream' : revision,
      });
      const newEvents = result.recorded ?? (await store.readStream(streamId, { fromRevision: revision + 1, maxCount: decided.length }));
      const next = newEvents.reduce((folded, event) => decider.evolve(folded, event as Stored), state);
      return { newEvents, state: next, nextExpectedRevision: result.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
    }
  }
}
