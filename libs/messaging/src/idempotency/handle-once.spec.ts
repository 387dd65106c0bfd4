import { DataSource, type EntityManager } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { v7 as uuidv7 } from 'uuid';
import { createTestPostgresDatabase, describeIf, postgresAvailability } from '@ticketing/eventstore/testing';
import { handleOnce, wasProcessed } from './handle-once';
import { PROCESSED_EVENT_ENTITIES } from './processed-event.entity';

/** The same behaviour on both drivers services use for read models. */
function handleOnceSuite(open: () => Promise<{ dataSource: DataSource; dispose(): Promise<void> }>): void {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, dispose } = await open());
    await dataSource.query('CREATE TABLE counters (name text PRIMARY KEY, value int NOT NULL)');
  });
  afterAll(() => dispose?.());

  /** The test effect: a real write in the same transaction as the processed mark. */
  const increment = (name: string) => (manager: EntityManager) =>
    manager.query('INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1', [name]);
  const counter = async (name: string): Promise<number> => {
    const rows: { value: number }[] = await dataSource.query('SELECT value FROM counters WHERE name = $1', [name]);
    return rows[0]?.value ?? 0;
  };
  const live = (test: (ds: DataSource) => Promise<void>) => () => test(dataSource);

  it('applies the effect once per (consumer, event) and reports the skip', live(async (ds) => {
    const event = { eventId: uuidv7() };
    expect(await handleOnce(ds, 'projection-a', event, increment('once'))).toMatchObject({ applied: true });
    expect(await handleOnce(ds, 'projection-a', event, increment('once'))).toEqual({ applied: false });
    expect(await counter('once')).toBe(1);
    // Another consumer keeps its own marks.
    expect(await handleOnce(ds, 'projection-b', event, increment('once'))).toMatchObject({ applied: true });
    expect(await counter('once')).toBe(2);
    expect(await wasProcessed(ds, 'projection-a', event.eventId)).toBe(true);
  }));

  it('rolls the mark back with a failing effect, so the redelivery applies it', live(async (ds) => {
    const event = { eventId: uuidv7() };
    const failing = async (manager: EntityManager) => {
      await increment('rollback')(manager);
      throw new Error('effect failed half-way');
    };
    await expect(handleOnce(ds, 'c', event, failing)).rejects.toThrow('effect failed half-way');
    expect(await wasProcessed(ds, 'c', event.eventId)).toBe(false);
    expect(await counter('rollback')).toBe(0);
    await handleOnce(ds, 'c', event, increment('rollback'));
    expect(await counter('rollback')).toBe(1);
  }));

  it('applies concurrent duplicate deliveries once, and isolates concurrent failures', live(async (ds) => {
    const events = Array.from({ length: 20 }, () => ({ eventId: uuidv7() }));
    const outcomes = await Promise.allSettled(
      events.flatMap((event, i) => [
        handleOnce(ds, 'race', event, increment('race')),
        handleOnce(ds, 'race', event, increment('race')),
        // Failing effects on other events must not roll back anyone else's work.
        handleOnce(ds, 'race', { eventId: uuidv7() }, async (m) => {
          await increment('race')(m);
          throw new Error(`poison ${i}`);
        }),
      ]),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(20);
    expect(await counter('race')).toBe(20);
  }));

  it('nests in a caller’s transaction (replay pages) using a savepoint per event', live(async (ds) => {
    const events = Array.from({ length: 5 }, () => ({ eventId: uuidv7() }));
    await handleOnce(ds, 'replay', events[0], increment('nested'));
    await ds.transaction(async (manager) => {
      for (const event of events) await handleOnce(manager, 'replay', event, increment('nested'));
      // A failing effect inside the page rolls back only its own savepoint when caught.
      await handleOnce(manager, 'replay', { eventId: uuidv7() }, () => Promise.reject(new Error('bad'))).catch(() => undefined);
    });
    expect(await counter('nested')).toBe(5);
  }));
}

describeIf(postgresAvailability(), 'handleOnce on PostgreSQL (pg)', () =>
  handleOnceSuite(async () => {
    const database = await createTestPostgresDatabase('msg_once');
    const dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [...PROCESSED_EVENT_ENTITIES], synchronize: true });
    await dataSource.initialize();
    return { dataSource, dispose: async () => (await dataSource.destroy(), await database.drop()) };
  }),
);

describe('handleOnce on PGlite (typeorm-pglite)', () =>
  handleOnceSuite(async () => {
    const dataSource = new DataSource({ type: 'postgres', driver: new PGliteDriver().driver, entities: [...PROCESSED_EVENT_ENTITIES], synchronize: true });
    await dataSource.initialize();
    return { dataSource, dispose: () => dataSource.destroy() };
  }),
);
