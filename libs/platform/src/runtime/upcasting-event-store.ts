import { eventRegistry } from '@ticketing/contracts';
import type { EventStore, RecordedEvent } from '@ticketing/eventstore';

/**
 * Readers always see the current schema version: stored events are never rewritten, they are
 * upcast here, on the way out of the store, for every read path (streams, log, subscriptions).
 */
export function withUpcasting(store: EventStore): EventStore {
  const upcast = (events: RecordedEvent[]) => events.map((event) => eventRegistry.upcastEvent(event));
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: async (streamId, options) => upcast(await store.readStream(streamId, options)),
    readAll: async (options) => upcast(await store.readAll(options)),
    ...(store.countAll ? { countAll: store.countAll.bind(store) } : {}),
    subscribeToAll: (id, handler, options) => store.subscribeToAll(id, (events) => handler(upcast(events)), options),
    checkpoints: store.checkpoints,
    close: () => store.close(),
  };
}
