import { createEventStore } from './create-event-store';
import { runEventStoreContract } from './testing';

// PGlite is one connection, so writers are serialized by construction; a smaller run keeps the
// file fast while still interleaving writers and the subscriber.
runEventStoreContract('pglite', () => createEventStore({ kind: 'pglite' }), {
  gap: { writers: 8, appendsPerWriter: 250, streams: 50 },
});
