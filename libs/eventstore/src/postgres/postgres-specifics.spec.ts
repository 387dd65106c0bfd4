import { Client } from 'pg';
import { EventStoreUnavailableError, type RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { createEventStore } from '../create-event-store';
import { type AppendOneRow, appendQuery } from './append-statement';
import { prepareNewEvent } from '../new-event';
import { PostgresEventStore } from './postgres-event-store';
import { createPgSqlClient } from '../sql/pg-sql-client';
import {
  createTestPostgresDatabase,
  describeIf,
  eventually,
  postgresAvailability,
  testEvent,
  type TestPostgresDatabase,
  uniqueCategory,
} from '../testing';

/** What only the PostgreSQL store must guarantee: the xid-ordered log never skips an event that
 * commits late, and the append statement keeps stream order equal to log order. A second, raw connection
 * holds a transaction open so the interleavings are deterministic. */
describeIf(postgresAvailability(), 'PostgreSQL store specifics', () => {
  let database: TestPostgresDatabase;
  let store: PostgresEventStore;
  let raw: Client;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    store = new PostgresEventStore(createPgSqlClient({ connectionString: database.url }));
    await store.ensureSchema();
    raw = new Client({ connectionString: database.url });
    await raw.connect();
  });
  afterAll(async () => {
    await raw?.end();
    await store?.close();
    await database?.drop();
  });

  /** The store's own append statement, sent on the raw connection (inside its open transaction). */
  const rawAppend = async (stream: string, expected: 'any' | 'no_stream' = 'any') => {
    const event = prepareNewEvent(testEvent());
    const { sql, params } = appendQuery(stream, expected, [event], [JSON.stringify(event.data)]);
    return (await raw.query<AppendOneRow>(sql, params)).rows[0] as AppendOneRow | undefined;
  };

  it('hides events behind an in-flight older transaction, then delivers both in commit-independent xid order', async () => {
    const category = uniqueCategory();
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(`sub-${category}`, async (events) => void received.push(...events), {
      categories: [category],
      idleMs: 5,
    });
    try {
      await raw.query('BEGIN');
      await rawAppend(`${category}-late`); // older xid, not committed yet
      await store.appendToStream(`${category}-early`, [testEvent()]); // younger xid, committed

      // Committed but not readable: the older transaction could still commit before it.
      expect(await store.readStream(`${category}-early`)).toHaveLength(1);
      expect(await store.readAll({ categories: [category] })).toEqual([]);

      await raw.query('COMMIT');
      const all = await eventually(async () => {
        const events = await store.readAll({ categories: [category] });
        return events.length === 2 && events;
      });
      expect(all.map((e) => e.streamId)).toEqual([`${category}-late`, `${category}-early`]);
      await eventually(() => received.length === 2, { description: 'both events at the subscriber' });
      expect(received.map((e) => e.streamId)).toEqual([`${category}-late`, `${category}-early`]);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await subscription.stop();
    }
  });

  it('an append refuses to write behind a younger transaction (retryable), keeping stream order == log order', async () => {
    const stream = `${uniqueCategory()}-1`;
    await raw.query('BEGIN');
    try {
      await raw.query('SELECT pg_current_xact_id()'); // our xid is now older than the next writer's
      await store.appendToStream(stream, [testEvent()]);
      // Refused (no row, nothing written) although 'any' holds: the store retries in a fresh transaction.
      expect(await rawAppend(stream)).toBeUndefined();
    } finally {
      await raw.query('ROLLBACK');
    }
    expect((await store.appendToStream(stream, [testEvent()])).nextExpectedRevision).toBe(1);
  });

  it('a writer that lost the race on a position: conflict with an exact expectation, retry with any', async () => {
    const category = uniqueCategory();
    await raw.query('BEGIN');
    try {
      await rawAppend(`${category}-exact`, 'no_stream');
      await rawAppend(`${category}-any`, 'no_stream');
      // Both block on the uncommitted rows' unique keys until the raw transaction commits.
      const exact = store.appendToStream(`${category}-exact`, [testEvent()], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
      const any = store.appendToStream(`${category}-any`, [testEvent()], { expectedRevision: 'any' });
      await eventually(async () => {
        const { rows } = await raw.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].waiting >= 2;
      }, { description: 'both appends waiting on the open transaction' });
      await raw.query('COMMIT');
      const conflict = await exact;
      expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
      expect((conflict as WrongExpectedRevisionError).actual).toBe(0);
      expect((await any).nextExpectedRevision).toBe(1);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
    }
  });

  it('a new store instance (process restart) resumes a subscription from the saved checkpoint', async () => {
    const category = uniqueCategory();
    await store.appendToStream(`${category}-1`, [testEvent(), testEvent()]);
    const firstRun: RecordedEvent[] = [];
    const first = store.subscribeToAll(`sub-${category}`, async (events) => void firstRun.push(...events), { categories: [category] });
    await first.caughtUp();
    await first.stop();
    await store.appendToStream(`${category}-1`, [testEvent()]);

    const restarted = await createEventStore({ kind: 'postgres', url: database.url });
    try {
      const secondRun: RecordedEvent[] = [];
      const second = restarted.subscribeToAll(`sub-${category}`, async (events) => void secondRun.push(...events), { categories: [category] });
      await second.caughtUp();
      expect(firstRun.map((e) => e.streamPosition)).toEqual([0, 1]);
      expect(secondRun.map((e) => e.streamPosition)).toEqual([2]);
    } finally {
      await restarted.close();
    }
  });

  it('ensureSchema is idempotent under concurrency', async () => {
    await Promise.all([store.ensureSchema(), store.ensureSchema(), store.ensureSchema()]);
    expect((await store.appendToStream(`${uniqueCategory()}-1`, [testEvent()])).nextExpectedRevision).toBe(0);
  });

  it('reports an unreachable server as EventStoreUnavailableError naming the target', async () => {
    const error = await createEventStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1\/nowhere/);
  });
});
