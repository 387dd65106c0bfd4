import type { LogPosition } from '@ticketing/contracts';
import { v7 as uuidv7 } from 'uuid';
import { type EventStore, type RecordedEvent, WrongExpectedRevisionError } from '../event-store.port';
import { compareLogPositions } from '../log-position';
import { eventually } from './eventually';
import { testEvent, uniqueCategory } from './test-events';

export interface ContractOptions {
  /** Size of the concurrent-writers-vs-subscriber test. */
  gap?: { writers: number; appendsPerWriter: number; streams: number };
  /** Deadline for asynchronous expectations (subscriptions, log visibility). */
  timeoutMs?: number;
}

const FULL_GAP = { writers: 8, appendsPerWriter: 2_000, streams: 200 };

/** The behaviour every EventStore adapter must share. Each test uses its own stream category, so
 * one store (one database/server) serves the whole suite. */
export function runEventStoreContract(name: string, factory: () => Promise<EventStore>, options: ContractOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const gap = options.gap ?? FULL_GAP;

  describe(`${name}: EventStore contract`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    const expectConflict = async (promise: Promise<unknown>, actual: number) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(actual);
    };

    /** Waits until the global log shows `count` events of `category` (visibility may trail commit). */
    const readCategory = (category: string, count: number) =>
      eventually(
        async () => {
          const events = await store.readAll({ categories: [category] });
          return events.length >= count && events;
        },
        { timeoutMs, description: `${count} ${category} events in the global log` },
      );

    describe('append with expected revision', () => {
      it('no_stream: creates, then conflicts with the actual revision', async () => {
        const stream = `${uniqueCategory()}-1`;
        const first = await store.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(0);
        await expectConflict(store.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' }), 0);
      });

      it('exact revision: appends at the revision read, conflicts when stale, ahead, or the stream is missing', async () => {
        const stream = `${uniqueCategory()}-1`;
        await expectConflict(store.appendToStream(stream, [testEvent()], { expectedRevision: 0 }), -1);
        await store.appendToStream(stream, [testEvent()], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [testEvent(), testEvent()], { expectedRevision: 0 });
        expect(second.nextExpectedRevision).toBe(2);
        await expectConflict(store.appendToStream(stream, [testEvent()], { expectedRevision: 0 }), 2);
        await expectConflict(store.appendToStream(stream, [testEvent()], { expectedRevision: 5 }), 2);
        expect((await store.readStream(stream)).map((e) => e.streamPosition)).toEqual([0, 1, 2]);
      });

      it('stream_exists: conflicts on a missing stream, appends to an existing one', async () => {
        const stream = `${uniqueCategory()}-1`;
        await expectConflict(store.appendToStream(stream, [testEvent()], { expectedRevision: 'stream_exists' }), -1);
        await store.appendToStream(stream, [testEvent()]);
        const result = await store.appendToStream(stream, [testEvent()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('any (the default): appends to missing and existing streams', async () => {
        const stream = `${uniqueCategory()}-1`;
        expect((await store.appendToStream(stream, [testEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
        expect((await store.appendToStream(stream, [testEvent(), testEvent()])).nextExpectedRevision).toBe(2);
      });

      it('a conflicting append writes nothing', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.appendToStream(stream, [testEvent()]);
        await expectConflict(store.appendToStream(stream, [testEvent(), testEvent()], { expectedRevision: 'no_stream' }), 0);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('no events: checks the expectation, writes nothing, reports the current revision', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.appendToStream(stream, [testEvent(), testEvent()]);
        expect((await store.appendToStream(stream, [], { expectedRevision: 1 })).nextExpectedRevision).toBe(1);
        await expectConflict(store.appendToStream(stream, [], { expectedRevision: 'no_stream' }), 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('the appended events it returns (where it can tell) are exactly what a read gives back', async () => {
        const stream = `${uniqueCategory()}-1`;
        const single = await store.appendToStream(stream, [testEvent({ data: { when: new Date(0), n: 1 } })]);
        const batch = await store.appendToStream(stream, [testEvent({ data: { n: 2 } }), testEvent({ data: { n: 3, tags: ['a'] } })]);
        const read = await store.readStream(stream);
        expect(read).toHaveLength(3);
        if (single.recorded === undefined || batch.recorded === undefined) return; // optional in the port (EventStoreDB)
        expect([...single.recorded, ...batch.recorded]).toEqual(read);
        expect(batch.logPosition).toEqual(batch.recorded[1].logPosition);
      });
    });

    describe('read a stream', () => {
      let stream: string;
      beforeAll(async () => {
        stream = `${uniqueCategory()}-1`;
        await store.appendToStream(
          stream,
          Array.from({ length: 10 }, (_, i) => testEvent({ data: { i } })),
        );
      });
      const positions = (events: RecordedEvent[]) => events.map((e) => e.streamPosition);

      it('forwards: all, from a revision, at most maxCount', async () => {
        expect(positions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(positions(await store.readStream(stream, { fromRevision: 7 }))).toEqual([7, 8, 9]);
        expect(positions(await store.readStream(stream, { fromRevision: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
        expect((await store.readStream(stream)).map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('backwards: all, from a revision down, at most maxCount', async () => {
        expect(positions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(positions(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual([2, 1, 0]);
        expect(positions(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([9, 8]);
      });

      it('a missing stream reads as empty', async () => {
        expect(await store.readStream(`${uniqueCategory()}-missing`)).toEqual([]);
        expect(await store.readStream(`${uniqueCategory()}-missing`, { direction: 'backwards' })).toEqual([]);
      });
    });

    it('round-trips the whole envelope (stream read, global log, append result)', async () => {
      const category = uniqueCategory();
      const stream = `${category}-42`;
      const sent = testEvent({
        eventId: uuidv7(),
        type: 'TicketOpened',
        schemaVersion: 3,
        occurredAt: '2024-05-06T07:08:09.123Z',
        tenantId: 'tenant-xyz',
        actor: { kind: 'customer', id: 'cust-9' },
        correlationId: 'corr-abc',
        causationId: 'cause-def',
        data: { subject: 'Parcel late', nested: { list: [1, 'two', null, true], emoji: '📦' }, amount: 12.5 },
      });
      const result = await store.appendToStream(stream, [sent], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream(stream);
      expect(read).toEqual({
        eventId: sent.eventId,
        type: 'TicketOpened',
        schemaVersion: 3,
        streamId: stream,
        streamPosition: 0,
        globalPosition: expect.any(Number),
        logPosition: result.logPosition,
        occurredAt: '2024-05-06T07:08:09.123Z',
        tenantId: 'tenant-xyz',
        actor: { kind: 'customer', id: 'cust-9' },
        correlationId: 'corr-abc',
        causationId: 'cause-def',
        data: sent.data,
      });
      if (result.recorded) expect(result.recorded).toEqual([read]);
      expect(await readCategory(category, 1)).toEqual([read]);

      // Defaults: a UUIDv7 id, the current time, no causation.
      const before = Date.now();
      await store.appendToStream(stream, [testEvent({ causationId: undefined })]);
      const [, defaulted] = await store.readStream(stream);
      expect(defaulted.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Date.parse(defaulted.occurredAt)).toBeGreaterThanOrEqual(before - 1);
      expect(defaulted.causationId).toBeNull();
    });

    describe('global log', () => {
      it('reads in log order after a position, with maxCount', async () => {
        const category = uniqueCategory();
        for (let i = 0; i < 6; i++) await store.appendToStream(`${category}-${i % 2}`, [testEvent({ data: { i } })]);
        const all = await readCategory(category, 6);
        expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5]);
        for (let i = 1; i < all.length; i++) expect(compareLogPositions(all[i - 1].logPosition, all[i].logPosition)).toBeLessThan(0);

        const rest = await store.readAll({ after: all[1].logPosition, categories: [category] });
        expect(rest.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
        const page = await store.readAll({ after: all[1].logPosition, categories: [category], maxCount: 2 });
        expect(page.map((e) => e.eventId)).toEqual(all.slice(2, 4).map((e) => e.eventId));
        expect(await store.readAll({ after: all[5].logPosition, categories: [category] })).toEqual([]);
        if (store.countAll) expect(await store.countAll({ categories: [category] })).toBe(6);
      });

      it('pages through the unfiltered log without gaps or repeats', async () => {
        const category = uniqueCategory();
        for (let i = 0; i < 5; i++) await store.appendToStream(`${category}-${i}`, [testEvent()]);
        await readCategory(category, 5);
        const seen: RecordedEvent[] = [];
        let after: LogPosition | undefined;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 7 });
          if (page.length === 0) break;
          seen.push(...page);
          after = page[page.length - 1].logPosition;
        }
        const ours = seen.filter((e) => e.streamId.startsWith(`${category}-`));
        expect(ours.map((e) => e.streamId)).toEqual([0, 1, 2, 3, 4].map((i) => `${category}-${i}`));
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
      });

      it('filters by stream category', async () => {
        const [a, b, c] = [uniqueCategory(), uniqueCategory(), uniqueCategory()];
        await store.appendToStream(`${a}-1`, [testEvent()]);
        await store.appendToStream(`${b}-1`, [testEvent()]);
        await store.appendToStream(`${a}-2`, [testEvent()]);
        await store.appendToStream(`${c}-1`, [testEvent()]);
        await readCategory(c, 1);
        expect((await store.readAll({ categories: [a] })).map((e) => e.streamId)).toEqual([`${a}-1`, `${a}-2`]);
        expect((await store.readAll({ categories: [a, c] })).map((e) => e.streamId)).toEqual([`${a}-1`, `${a}-2`, `${c}-1`]);
        // A category is the whole prefix before the first dash, not a string prefix.
        expect(await store.readAll({ categories: [a.slice(0, -1)] })).toEqual([]);
      });
    });

    describe('subscribeToAll', () => {
      it('delivers in log order and resumes after its durable checkpoint without redelivery', async () => {
        const category = uniqueCategory();
        const id = `sub-${category}`;
        for (let i = 0; i < 5; i++) await store.appendToStream(`${category}-${i % 2}`, [testEvent({ data: { i } })]);

        const firstRun: RecordedEvent[] = [];
        const first = store.subscribeToAll(id, async (events) => void firstRun.push(...events), { categories: [category], batchSize: 2 });
        await first.caughtUp();
        await first.stop();
        expect(firstRun.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
        expect(await store.checkpoints.load(id)).toEqual(firstRun[4].logPosition);

        for (let i = 5; i < 8; i++) await store.appendToStream(`${category}-${i % 2}`, [testEvent({ data: { i } })]);
        const secondRun: RecordedEvent[] = [];
        const second = store.subscribeToAll(id, async (events) => void secondRun.push(...events), { categories: [category] });
        await second.caughtUp();
        expect(secondRun.map((e) => (e.data as { i: number }).i)).toEqual([5, 6, 7]);

        // Live: an append while subscribed arrives without a restart.
        await store.appendToStream(`${category}-0`, [testEvent({ data: { i: 8 } })]);
        await second.caughtUp();
        await second.stop();
        expect(secondRun.map((e) => (e.data as { i: number }).i)).toEqual([5, 6, 7, 8]);
      });

      it('retries a failing handler with backoff, reports the error and never skips', async () => {
        const category = uniqueCategory();
        await store.appendToStream(`${category}-1`, [testEvent({ data: { i: 0 } }), testEvent({ data: { i: 1 } })]);
        const errors: unknown[] = [];
        const handled: number[] = [];
        let failuresLeft = 2;
        const subscription = store.subscribeToAll(
          `sub-${category}`,
          async (events) => {
            if (failuresLeft-- > 0) throw new Error('projection down');
            handled.push(...events.map((e) => (e.data as { i: number }).i));
          },
          { categories: [category], onError: (error) => errors.push(error) },
        );
        await subscription.caughtUp();
        await subscription.stop();
        expect(handled).toEqual([0, 1]);
        expect(errors).toHaveLength(2);
        expect((errors[0] as Error).message).toBe('projection down');
      });

      it('caughtUp() rejects after stop()', async () => {
        const subscription = store.subscribeToAll(`sub-${uniqueCategory()}`, async () => undefined, { categories: [uniqueCategory()] });
        await subscription.stop();
        await expect(subscription.caughtUp()).rejects.toThrow(/stopped/);
      });
    });

    it(
      `concurrent writers vs. a live subscriber: ${gap.writers} x ${gap.appendsPerWriter} appends over ${gap.streams} streams, ` +
        'every event seen exactly once, each stream in order',
      async () => {
        const category = uniqueCategory('gap');
        const total = gap.writers * gap.appendsPerWriter;
        const seen = new Map<string, RecordedEvent>();
        const duplicates: string[] = [];
        const lastPositionByStream = new Map<string, number>();
        const orderViolations: string[] = [];
        let previous: LogPosition | undefined;
        const subscription = store.subscribeToAll(
          `sub-${category}`,
          async (events) => {
            for (const event of events) {
              if (seen.has(event.eventId)) duplicates.push(event.eventId);
              seen.set(event.eventId, event);
              const expectedPosition = (lastPositionByStream.get(event.streamId) ?? -1) + 1;
              if (event.streamPosition !== expectedPosition) {
                orderViolations.push(`${event.streamId}: got ${event.streamPosition}, expected ${expectedPosition}`);
              }
              lastPositionByStream.set(event.streamId, event.streamPosition);
              if (previous && compareLogPositions(previous, event.logPosition) >= 0) orderViolations.push('log order went backwards');
              previous = event.logPosition;
            }
          },
          { categories: [category], batchSize: 1_000 },
        );

        const written = new Map<string, number>();
        const writer = async (w: number) => {
          for (let i = 0; i < gap.appendsPerWriter; i++) {
            // Spread writers over the streams so they meet on the same streams now and then.
            const stream = `${category}-${(i * gap.writers + w * 7) % gap.streams}`;
            await store.appendToStream(stream, [testEvent({ data: { w, i } })]);
            written.set(stream, (written.get(stream) ?? 0) + 1);
          }
        };
        const started = Date.now();
        let wroteMs: number;
        try {
          await Promise.all(Array.from({ length: gap.writers }, (_, w) => writer(w)));
          wroteMs = Date.now() - started;
          await eventually(() => seen.size >= total, { timeoutMs: Math.max(timeoutMs, 60_000), description: `${total} events` });
          await subscription.caughtUp();
        } finally {
          await subscription.stop();
        }
        console.log(`${name} gap test: ${total} appends by ${gap.writers} writers in ${wroteMs} ms, subscriber done after ${Date.now() - started} ms`);

        expect(duplicates).toEqual([]);
        expect(orderViolations.slice(0, 5)).toEqual([]);
        expect(seen.size).toBe(total);
        for (const [stream, count] of written) expect(lastPositionByStream.get(stream)).toBe(count - 1);
      },
      300_000,
    );
  });
}
