import type { EventEnvelope } from '@ticketing/contracts';
import type { EventStore } from '../event-store.port';
import type { Evolve } from './decider';

export interface AggregateOptions {
  /** Fold events up to and including this revision. */
  untilRevision?: number;
  /** Fold events that occurred at or before this time (ISO string or Date): "state as of". */
  untilTime?: string | Date;
}

export interface AggregatedState<State> {
  state: State;
  /** Revision of the last folded event; -1 when none (stream missing or nothing before the limit). */
  revision: number;
}

/** Loads a stream and folds it; stops at the first event past untilRevision/untilTime. */
export async function aggregateStream<State, Stored extends EventEnvelope = EventEnvelope>(
  store: EventStore,
  streamId: string,
  evolve: Evolve<State, Stored>,
  initialState: () => State,
  options: AggregateOptions = {},
): Promise<AggregatedState<State>> {
  const maxCount = options.untilRevision === undefined ? undefined : options.untilRevision + 1;
  if (maxCount !== undefined && maxCount <= 0) return { state: initialState(), revision: -1 };
  const events = await store.readStream(streamId, { maxCount });
  const until = options.untilTime === undefined ? undefined : new Date(options.untilTime).getTime();
  let state = initialState();
  let revision = -1;
  for (const event of events) {
    if (until !== undefined && Date.parse(event.occurredAt) > until) break;
    state = evolve(state, event as Stored);
    revision = event.streamPosition;
  }
  return { state, revision };
}
