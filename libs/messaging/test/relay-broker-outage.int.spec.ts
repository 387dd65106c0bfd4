import { topicForCategory, type EventEnvelope } from '@ticketing/contracts';
import { createEventStore, compareLogPositions, type EventStore } from '@ticketing/eventstore';
import { createTestPostgresDatabase, eventually, postgresAvailability, testEvent, uniqueCategory, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { KafkaEventBus, startRelay, type BusSubscription, type EventBus } from '../src';
import { firstOccurrencesInOrder, kafkaTestOptions, kafkaTestsEnabled, startKafkaMockCluster, type KafkaMockCluster } from '../src/testing';

jest.setTimeout(120_000);

const STREAMS = 50;
const PER_STREAM = 40;
const TOTAL = STREAMS * PER_STREAM;

const postgres = postgresAvailability();
const enabled = kafkaTestsEnabled('relay through a broker outage') && (postgres.available || (console.warn(`relay through a broker outage: skipped — ${postgres.reason}`), false));

/**
 * The mock cluster keeps nothing once killed (real Kafka would keep what it acknowledged), so for
 * an exact "nothing missing" check the first cluster's publishes count as acknowledged only once
 * the verifying consumer has also received them. The relay under test is unchanged.
 */
class ObservedBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly observed: ReadonlySet<string>,
  ) {}
  async publish(events: EventEnvelope[]): Promise<void> {
    await this.inner.publish(events);
    await eventually(() => events.every((e) => this.observed.has(e.eventId)), { timeoutMs: 5_000, description: 'the verifying consumer' });
  }
  subscribe: EventBus['subscribe'] = (options, handler) => this.inner.subscribe(options, handler);
  close = () => this.inner.close();
}

async function verifyingConsumer(bus: EventBus, category: string, into: EventEnvelope[], ids: Set<string>): Promise<BusSubscription> {
  return bus.subscribe({ groupId: `verify-${category}`, topics: [topicForCategory(category)], fromBeginning: true }, async (event) => {
    into.push(event);
    ids.add(event.eventId);
  });
}

(enabled ? describe : describe.skip)('relay: PostgreSQL store → Kafka, surviving a broker outage', () => {
  let database: TestPostgresDatabase;
  let store: EventStore;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    database = await createTestPostgresDatabase('msg_relay');
    store = await createEventStore({ kind: 'postgres', url: database.url });
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await store?.close();
    await database?.drop();
  });

  it(`delivers all ${TOTAL} events over ${STREAMS} streams, in order per stream, across a killed and replaced broker`, async () => {
    const started = Date.now();
    const category = uniqueCategory('relay');
    const subscriptionId = `relay-${category}`;

    // First cluster, its verifying consumer, and the relay.
    const cluster1: KafkaMockCluster = await startKafkaMockCluster();
    cleanups.push(() => cluster1.stop());
    const bus1 = new KafkaEventBus(kafkaTestOptions(cluster1.brokers));
    cleanups.push(() => bus1.close());
    const seen1: EventEnvelope[] = [];
    const ids1 = new Set<string>();
    await verifyingConsumer(bus1, category, seen1, ids1);
    const publishErrors: unknown[] = [];
    const relay1 = startRelay(store, new ObservedBus(bus1, ids1), {
      subscriptionId,
      categories: [category],
      batchSize: 100,
      idleMs: 20,
      retryBackoff: { initialMs: 50, maxMs: 500 },
      onPublishError: (error) => publishErrors.push(error),
    });
    cleanups.push(() => relay1.stop());

    // Writers append while the relay follows the log: 50 streams concurrently, 4 events per append.
    const appending = Promise.all(
      Array.from({ length: STREAMS }, async (_, s) => {
        for (let i = 0; i < PER_STREAM; i += 4) {
          await store.appendToStream(`${category}-${s}`, Array.from({ length: 4 }, (_, k) => testEvent({ data: { i: i + k } })));
        }
      }),
    );

    // Mid-relay: the whole cluster dies.
    await eventually(() => ids1.size >= 600, { timeoutMs: 60_000, description: '600 events through the first cluster' });
    await cluster1.stop();
    const killedAt = ids1.size;
    await eventually(() => publishErrors.length > 0, { timeoutMs: 30_000, description: 'the relay to notice the outage' });
    await relay1.stop();
    await bus1.close();
    await appending;
    const checkpoint = await store.checkpoints.load(subscriptionId);

    // A new (empty) cluster on new ports: a new bus, the relay restarted from its checkpoint.
    const cluster2 = await startKafkaMockCluster();
    cleanups.push(() => cluster2.stop());
    const bus2 = new KafkaEventBus(kafkaTestOptions(cluster2.brokers));
    cleanups.push(() => bus2.close());
    const seen2: EventEnvelope[] = [];
    const ids2 = new Set<string>();
    await verifyingConsumer(bus2, category, seen2, ids2);
    const relay2 = startRelay(store, bus2, { subscriptionId, categories: [category], batchSize: 100, idleMs: 20 });
    cleanups.push(() => relay2.stop());

    const log = await store.readAll({ categories: [category] });
    expect(log).toHaveLength(TOTAL);
    await eventually(() => log.every((e) => ids1.has(e.eventId) || ids2.has(e.eventId)), { timeoutMs: 60_000, description: 'every event on one cluster or the other' });
    await relay2.stop();

    // Nothing missing; per stream in order on each cluster.
    expect(log.filter((e) => !ids1.has(e.eventId) && !ids2.has(e.eventId))).toEqual([]);
    expect(firstOccurrencesInOrder(seen1)).toEqual([]);
    expect(firstOccurrencesInOrder(seen2, () => undefined)).toEqual([]);
    // The checkpoint never ran ahead of acknowledgement, and the restart resumed right after it.
    expect(checkpoint).toBeDefined();
    const upToCheckpoint = log.filter((e) => compareLogPositions(e.logPosition, checkpoint!) <= 0);
    expect(upToCheckpoint.filter((e) => !ids1.has(e.eventId))).toEqual([]);
    expect(seen2.filter((e) => compareLogPositions(e.logPosition, checkpoint!) <= 0)).toEqual([]);

    const duplicates = seen1.length + seen2.length - new Set([...ids1, ...ids2]).size;
    console.log(
      `relay outage test: ${TOTAL} events; killed the broker after ${killedAt}; checkpoint covered ${upToCheckpoint.length}; ` +
        `first cluster delivered ${ids1.size}, second ${ids2.size} (${duplicates} redelivered); ${publishErrors.length} failed publish attempts; ${Date.now() - started} ms`,
    );
  });
});
