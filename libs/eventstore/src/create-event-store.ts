import type { EventStore } from './event-store.port';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { createPgSqlClient } from './sql/pg-sql-client';
import { createPgliteSqlClient, openPglite } from './sql/pglite-sql-client';

export type EventStoreConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined = in memory. */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'esdb'; connectionString: string };

/** Opens the configured store, ready to use (PostgreSQL schema ensured). */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'postgres':
      return ensured(new PostgresEventStore(createPgSqlClient({ connectionString: config.url, max: config.poolSize })));
    case 'pglite':
      return ensured(new PostgresEventStore(createPgliteSqlClient(await openPglite(config.dataDir))));
    case 'esdb':
      return EsdbEventStore.connect(config.connectionString);
  }
}

async function ensured(store: PostgresEventStore): Promise<PostgresEventStore> {
  try {
    await store.ensureSchema();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
