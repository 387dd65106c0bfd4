import { getPostgreSQLEventStore, type PostgresEventStore as EmmettStore } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore, createPgSqlClient } from '../src';
import { testEvent } from '../src/testing';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';

/** Something that appends one event to `stream` with the revision it tracked itself. */
export interface Appender {
  name: string;
  append(stream: string): Promise<void>;
  close(): Promise<void>;
}

const payload = (i: number) => ({ subject: 'Parcel arrived damaged', channel: 'email', priority: 'high', n: i });

/** Per-stream revision tracking shared by the contenders: each writer owns its streams. */
export class Revisions<R> {
  private readonly byStream = new Map<string, R>();
  constructor(private readonly initial: R) {}
  get(stream: string): R {
    return this.byStream.get(stream) ?? this.initial;
  }
  set(stream: string, revision: R): void {
    this.byStream.set(stream, revision);
  }
}

export function ourAppender(url: string, poolSize: number, revisions = new Revisions<number>(-1)): Appender {
  const store = new PostgresEventStore(createPgSqlClient({ connectionString: url, max: poolSize }));
  let n = 0;
  return {
    name: 'ticketing append',
    async append(stream) {
      const expected = revisions.get(stream);
      const result = await store.appendToStream(stream, [testEvent({ type: 'Bench', data: payload(n++) })], {
        expectedRevision: expected === -1 ? 'no_stream' : expected,
      });
      revisions.set(stream, result.nextExpectedRevision);
    },
    close: () => store.close(),
  };
}

/** The ceiling: one single-row INSERT into a table shaped like es_events (same columns, keys and
 * indexes), no revision check, no function call. */
export const RAW_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS raw_events (LIKE es_events INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING CONSTRAINTS INCLUDING INDEXES)`;

export function rawInserter(url: string, poolSize: number, revisions = new Revisions<number>(-1)): Appender {
  const pool = new Pool({ connectionString: url, max: poolSize });
  let n = 0;
  return {
    name: 'raw INSERT (ceiling)',
    async append(stream) {
      const position = revisions.get(stream) + 1;
      const event = testEvent();
      // Named, i.e. prepared once per connection, like the store's own statements.
      await pool.query({
        name: 'raw_insert',
        text: `INSERT INTO raw_events (stream_id, stream_position, event_id, type, schema_version, tenant_id, occurred_at,
                                 actor_kind, actor_id, correlation_id, causation_id, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        values: [stream, position, uuidv7(), 'Bench', 1, event.tenantId, new Date().toISOString(), event.actor.kind, event.actor.id,
          event.correlationId, null, JSON.stringify(payload(n++))],
      });
      revisions.set(stream, position);
    },
    close: () => pool.end(),
  };
}

export function emmettStore(url: string, poolSize: number): { store: EmmettStore; close(): Promise<void> } {
  const pool = new Pool({ connectionString: url, max: poolSize });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  return {
    store,
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

export function emmettAppender(url: string, poolSize: number, revisions = new Revisions<bigint>(0n)): Appender {
  const { store, close } = emmettStore(url, poolSize);
  let n = 0;
  return {
    name: 'emmett-postgresql (peer)',
    async append(stream) {
      const result = await store.appendToStream(stream, [{ type: 'Bench', data: payload(n++), metadata: { tenantId: 'tenant-1' } }], {
        expectedStreamVersion: revisions.get(stream),
      });
      revisions.set(stream, result.nextExpectedStreamVersion);
    },
    close,
  };
}
