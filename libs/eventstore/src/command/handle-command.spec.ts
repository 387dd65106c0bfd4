import type { CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { createEventStore } from '../create-event-store';
import { type EventStore, WrongExpectedRevisionError } from '../event-store.port';
import { testEvent, uniqueCategory } from '../testing';
import { aggregateStream } from './aggregate-stream';
import type { Decider } from './decider';
import { handleCommand } from './handle-command';

/** A tiny counter aggregate with an invariant (never above 10), so retries must re-check it. */
interface Counter {
  total: number;
}
type AddCommand = { type: 'Add'; by: number; metadata: CommandMetadata };

class LimitExceeded extends Error {}

const metadata: CommandMetadata = {
  tenantId: 'tenant-1',
  actor: { kind: 'agent', id: 'agent-1' },
  correlationId: 'corr-1',
  now: '2024-01-01T10:00:00.000Z',
};

const added = (by: number, occurredAt = metadata.now): NewEvent => testEvent({ type: 'Added', data: { by }, occurredAt });

let decisions = 0;
const counter: Decider<Counter, AddCommand> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event: EventEnvelope) => (event.type === 'Added' ? { total: state.total + (event.data as { by: number }).by } : state),
  decide: (command, state) => {
    decisions++;
    if (command.by === 0) return [];
    if (state.total + command.by > 10) throw new LimitExceeded(`${state.total} + ${command.by} > 10`);
    return [added(command.by, command.metadata.now)];
  },
};

/** The real store, with another writer's append slipped in right before ours `times` times:
 * a deterministic interleaving of two writers, no fake database. */
function withInterleavedWriter(store: EventStore, streamId: string, by: number, times = 1): EventStore {
  let remaining = times;
  return Object.assign(Object.create(store) as EventStore, {
    appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
      if (remaining-- > 0) await store.appendToStream(streamId, [added(by)]);
      return store.appendToStream(...args);
    },
  });
}

describe('handleCommand / aggregateStream (PGlite)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(() => {
    decisions = 0;
  });

  const add = (by: number) => ({ type: 'Add' as const, by, metadata });
  const totals = async (streamId: string) => (await store.readStream(streamId)).map((e) => (e.data as { by: number }).by);

  it('given events, folds them, decides, appends, and returns the recorded events and new state', async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, [added(2), added(3)]);
    const result = await handleCommand({ store, streamId, decider: counter, command: add(4) });
    expect(result.state).toEqual({ total: 9 });
    expect(result.nextExpectedRevision).toBe(2);
    expect(result.newEvents).toHaveLength(1);
    expect(result.newEvents[0]).toMatchObject({ type: 'Added', streamId, streamPosition: 2, data: { by: 4 }, occurredAt: metadata.now });
    expect(result.newEvents).toEqual(await store.readStream(streamId, { fromRevision: 2 }));
  });

  it('creates the stream on first command and writes nothing when the decision is empty', async () => {
    const streamId = `${uniqueCategory()}-1`;
    expect((await handleCommand({ store, streamId, decider: counter, command: add(0) })).nextExpectedRevision).toBe(-1);
    expect(await store.readStream(streamId)).toEqual([]);
    expect((await handleCommand({ store, streamId, decider: counter, command: add(1) })).nextExpectedRevision).toBe(0);
  });

  it('validate() sees every new event before the append; throwing writes nothing', async () => {
    const streamId = `${uniqueCategory()}-1`;
    const validated: NewEvent[] = [];
    await expect(
      handleCommand({
        store,
        streamId,
        decider: counter,
        command: add(1),
        validate: (event) => {
          validated.push(event);
          throw new Error('contract broken');
        },
      }),
    ).rejects.toThrow('contract broken');
    expect(validated.map((e) => e.type)).toEqual(['Added']);
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('a concurrent write makes it reload and decide again on the new state', async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, [added(1)]);
    const racing = withInterleavedWriter(store, streamId, 5);
    const result = await handleCommand({ store: racing, streamId, decider: counter, command: add(2) });
    expect(decisions).toBe(2);
    expect(result.state).toEqual({ total: 8 });
    expect(await totals(streamId)).toEqual([1, 5, 2]);
  });

  it('the retry re-checks the invariant: the decider rejects against the state that won the race', async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, [added(4)]);
    const racing = withInterleavedWriter(store, streamId, 5);
    await expect(handleCommand({ store: racing, streamId, decider: counter, command: add(3) })).rejects.toThrow(LimitExceeded);
    expect(await totals(streamId)).toEqual([4, 5]);
  });

  it('gives up after maxRetries conflicts with the WrongExpectedRevisionError', async () => {
    const streamId = `${uniqueCategory()}-1`;
    const racing = withInterleavedWriter(store, streamId, 1, 10);
    await expect(handleCommand({ store: racing, streamId, decider: counter, command: add(1), maxRetries: 2 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(decisions).toBe(3);
    expect(await totals(streamId)).toEqual([1, 1, 1]);
  });

  it('with an explicit expectedRevision (If-Match) a stale revision or a lost race surfaces, without retry', async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, [added(1), added(1)]);

    const stale = await handleCommand({ store, streamId, decider: counter, command: add(1), expectedRevision: 0 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
    expect((stale as WrongExpectedRevisionError).actual).toBe(1);
    expect(decisions).toBe(0);

    const racing = withInterleavedWriter(store, streamId, 1);
    await expect(handleCommand({ store: racing, streamId, decider: counter, command: add(1), expectedRevision: 1 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(decisions).toBe(1);
    expect(await totals(streamId)).toEqual([1, 1, 1]);

    const ok = await handleCommand({ store, streamId, decider: counter, command: add(1), expectedRevision: 2 });
    expect(ok.nextExpectedRevision).toBe(3);
  });

  it('aggregateStream folds up to a revision or a point in time ("state as of")', async () => {
    const streamId = `${uniqueCategory()}-1`;
    await store.appendToStream(streamId, [
      added(1, '2024-01-01T00:00:00.000Z'),
      added(2, '2024-01-02T00:00:00.000Z'),
      added(3, '2024-01-03T00:00:00.000Z'),
    ]);
    const fold = (options = {}) => aggregateStream(store, streamId, counter.evolve, counter.initialState, options);
    expect(await fold()).toEqual({ state: { total: 6 }, revision: 2 });
    expect(await fold({ untilRevision: 1 })).toEqual({ state: { total: 3 }, revision: 1 });
    expect(await fold({ untilTime: '2024-01-02T00:00:00.000Z' })).toEqual({ state: { total: 3 }, revision: 1 });
    expect(await fold({ untilTime: new Date('2023-12-31T00:00:00.000Z') })).toEqual({ state: { total: 0 }, revision: -1 });
  });
});
