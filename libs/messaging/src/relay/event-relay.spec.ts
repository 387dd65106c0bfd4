import { topicForCategory, type EventEnvelope } from '@ticketing/contracts';
import { createEventStore, type EventStore } from '@ticketing/eventstore';
import { eventually, testEvent, uniqueCategory } from '@ticketing/eventstore/testing';
import type { EventBus } from '../event-bus.port';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { firstOccurrencesInOrder } from '../testing';
import { startRelay } from './event-relay';

/** Fault injection around a real bus: fails or holds publishes the test chooses, delegates the rest. */
class FaultyBus implements EventBus {
  failuresLeft = 0;
  gate: Promise<void> | undefined;
  calls = 0;
  constructor(private readonly inner: EventBus) {}
  async publish(events: EventEnvelope[]): Promise<void> {
    this.calls++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('broker unavailable');
    }
    await this.gate;
    await this.inner.publish(events);
  }
  subscribe: EventBus['subscribe'] = (options, handler) => this.inner.subscribe(options, handler);
  close = () => this.inner.close();
}

async function appendStreams(store: EventStore, category: string, streams: number, perStream: number): Promise<void> {
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      for (let i = 0; i < perStream; i++) await store.appendToStream(`${category}-${s}`, [testEvent({ data: { i } })]);
    }),
  );
}

describe('startRelay (PGlite store → in-process bus)', () => {
  let store: EventStore;
  let bus: InProcessEventBus;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
  });
  afterAll(() => store?.close());
  beforeEach(() => {
    bus = new InProcessEventBus({ retryBackoff: { initialMs: 1, maxMs: 5 } });
  });
  afterEach(() => bus.close());

  async function collect(category: string): Promise<EventEnvelope[]> {
    const seen: EventEnvelope[] = [];
    await bus.subscribe({ groupId: `verify-${category}`, topics: [topicForCategory(category)] }, async (event) => void seen.push(event));
    return seen;
  }

  it('publishes the followed log in order per stream and checkpoints the last acknowledged event', async () => {
    const category = uniqueCategory();
    const seen = await collect(category);
    const relay = startRelay(store, bus, { subscriptionId: `relay-${category}`, categories: [category], batchSize: 25, idleMs: 5 });
    await appendStreams(store, category, 10, 30); // appended while the relay follows
    await relay.caughtUp();
    await relay.stop();

    expect(new Set(seen.map((e) => e.eventId)).size).toBe(300);
    expect(firstOccurrencesInOrder(seen)).toEqual([]);
    const log = await store.readAll({ categories: [category] });
    expect(await store.checkpoints.load(`relay-${category}`)).toEqual(log[log.length - 1].logPosition);
  });

  it('retries a rejected batch until acknowledged and does not checkpoint before the acknowledgement', async () => {
    const category = uniqueCategory();
    const seen = await collect(category);
    await appendStreams(store, category, 5, 10);
    const faulty = new FaultyBus(bus);
    faulty.failuresLeft = 3;
    let open!: () => void;
    faulty.gate = new Promise<void>((resolve) => (open = resolve));
    const failures: number[] = [];
    const relay = startRelay(store, faulty, {
      subscriptionId: `relay-${category}`,
      categories: [category],
      retryBackoff: { initialMs: 1, maxMs: 5 },
      onPublishError: (_error, attempt) => failures.push(attempt),
    });

    await eventually(() => faulty.calls >= 4, { description: 'the fourth publish attempt (held at the gate)' });
    expect(failures).toEqual([1, 2, 3]);
    expect(await store.checkpoints.load(`relay-${category}`)).toBeUndefined();
    expect(seen).toHaveLength(0);

    open();
    await relay.caughtUp();
    await relay.stop();
    expect(seen.map((e) => e.eventId).sort()).toEqual((await store.readAll({ categories: [category] })).map((e) => e.eventId).sort());
  });

  it('stops promptly mid-retry without checkpointing; a new relay resumes and nothing is missing', async () => {
    const category = uniqueCategory();
    const seen = await collect(category);
    await appendStreams(store, category, 4, 5);
    const down = new FaultyBus(bus);
    down.failuresLeft = Number.POSITIVE_INFINITY;
    const first = startRelay(store, down, { subscriptionId: `relay-${category}`, categories: [category], retryBackoff: { initialMs: 50, maxMs: 50 } });
    await eventually(() => down.calls >= 2, { description: 'repeated failing publishes' });
    await first.stop();
    expect(await store.checkpoints.load(`relay-${category}`)).toBeUndefined();

    const second = startRelay(store, bus, { subscriptionId: `relay-${category}`, categories: [category] });
    await second.caughtUp();
    await second.stop();
    expect(seen).toHaveLength(20);
    expect(firstOccurrencesInOrder(seen)).toEqual([]);
  });
});
