import { topicForStream, type EventEnvelope } from '@ticketing/contracts';
import { eventually } from '@ticketing/eventstore/testing';
import { firstOccurrencesInOrder, testEnvelope } from '../testing';
import { BusClosedError, InProcessEventBus } from './in-process-event-bus';

const topic = topicForStream('ticket-1');
const fastRetry = { retryBackoff: { initialMs: 1, maxMs: 5 } };

function streamOf(stream: string, count: number): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) => testEnvelope(stream, i));
}

describe('InProcessEventBus', () => {
  let bus: InProcessEventBus;
  afterEach(() => bus.close());

  it('delivers every event to every group, each key in order, while keys interleave', async () => {
    bus = new InProcessEventBus(fastRetry);
    const seen: Record<string, EventEnvelope[]> = { a: [], b: [] };
    for (const group of ['a', 'b']) {
      await bus.subscribe({ groupId: group, topics: [topic] }, async (event) => {
        // Uneven handler latency would expose any cross-key ordering coupling.
        if (event.streamPosition % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
        seen[group].push(event);
      });
    }
    const events = ['ticket-1', 'ticket-2', 'ticket-3'].flatMap((stream) => streamOf(stream, 50));
    await bus.publish(events);

    for (const group of ['a', 'b']) {
      expect(seen[group]).toHaveLength(150);
      expect(firstOccurrencesInOrder(seen[group])).toEqual([]);
    }
  });

  it("resolves publish only after subscribed groups handled the events ('handled' acknowledgement)", async () => {
    bus = new InProcessEventBus(fastRetry);
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({ groupId: 'slow', topics: [topic] }, async (event) => {
      await gate;
      handled.push(event.eventId);
    });
    const event = testEnvelope('ticket-1', 0);
    let acknowledged = false;
    const publishing = bus.publish([event]).then(() => (acknowledged = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(acknowledged).toBe(false);
    release();
    await publishing;
    expect(handled).toEqual([event.eventId]);
  });

  it('shares a group between members so each event is handled once per group', async () => {
    bus = new InProcessEventBus(fastRetry);
    const byMember: string[][] = [[], []];
    for (const member of [0, 1]) {
      await bus.subscribe({ groupId: 'shared', topics: [topic] }, async (event) => {
        await new Promise((resolve) => setImmediate(resolve));
        byMember[member].push(event.eventId);
      });
    }
    const events = Array.from({ length: 20 }, (_, i) => streamOf(`ticket-${i}`, 5)).flat();
    await bus.publish(events);
    const all = [...byMember[0], ...byMember[1]];
    expect(new Set(all).size).toBe(100);
    expect(all).toHaveLength(100);
    expect(byMember[0].length).toBeGreaterThan(0);
    expect(byMember[1].length).toBeGreaterThan(0);
  });

  it('retries a failing handler, then parks the event on <topic>.dlq without blocking other keys or later events', async () => {
    bus = new InProcessEventBus(fastRetry);
    const poison = testEnvelope('ticket-poison', 0);
    const attempts: number[] = [];
    const handled: string[] = [];
    const dlqSeen: EventEnvelope[] = [];
    await bus.subscribe({ groupId: 'dlq-watch', topics: [`${topic}.dlq`] }, async (event) => {
      dlqSeen.push(event);
    });
    await bus.subscribe({ groupId: 'worker', topics: [topic], maxAttempts: 4 }, async (event, context) => {
      if (event.eventId === poison.eventId) {
        attempts.push(context.attempt ?? 0);
        throw new Error('cannot handle this one');
      }
      handled.push(event.streamId + '#' + event.streamPosition);
    });

    const others = streamOf('ticket-ok', 3);
    const later = testEnvelope('ticket-poison', 1);
    await bus.publish([poison, ...others, later]);

    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(handled).toEqual(expect.arrayContaining(['ticket-ok#0', 'ticket-ok#1', 'ticket-ok#2', 'ticket-poison#1']));
    expect(handled).toHaveLength(4);
    const [letter] = bus.deadLetters(topic);
    expect(letter).toMatchObject({ deadLetterTopic: `${topic}.dlq`, groupId: 'worker', key: 'ticket-poison', attempts: 4 });
    expect(letter.error).toContain('cannot handle this one');
    expect(letter.event?.eventId).toBe(poison.eventId);
    await eventually(() => dlqSeen.length === 1, { description: 'the DLQ topic subscriber' });
    expect(dlqSeen[0].eventId).toBe(poison.eventId);
  });

  it('keeps a stopped group’s backlog and hands it to the next member of that group', async () => {
    bus = new InProcessEventBus({ ...fastRetry, acknowledge: 'enqueued' });
    const first = await bus.subscribe({ groupId: 'g', topics: [topic] }, async () => undefined);
    await first.stop();
    const events = streamOf('ticket-1', 10);
    await bus.publish(events);
    const seen: EventEnvelope[] = [];
    await bus.subscribe({ groupId: 'g', topics: [topic] }, async (event) => {
      seen.push(event);
    });
    await eventually(() => seen.length === 10, { description: 'the backlog' });
    expect(seen.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('starts a new group at the retained beginning only when asked to', async () => {
    bus = new InProcessEventBus(fastRetry);
    await bus.publish(streamOf('ticket-1', 3));
    const fromStart: EventEnvelope[] = [];
    const fromNow: EventEnvelope[] = [];
    await bus.subscribe({ groupId: 'replay', topics: [topic], fromBeginning: true }, async (e) => void fromStart.push(e));
    await bus.subscribe({ groupId: 'live', topics: [topic] }, async (e) => void fromNow.push(e));
    await bus.publish([testEnvelope('ticket-1', 3)]);
    await eventually(() => fromStart.length === 4, { description: 'the replaying group' });
    expect(fromStart.map((e) => e.streamPosition)).toEqual([0, 1, 2, 3]);
    expect(fromNow.map((e) => e.streamPosition)).toEqual([3]);
  });

  it('hands each attempt a fresh copy and the transport headers', async () => {
    bus = new InProcessEventBus(fastRetry);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const event = { ...testEnvelope('ticket-1', 0, { causationId: 'cause-1' }), traceparent };
    const observed: unknown[] = [];
    await bus.subscribe({ groupId: 'g', topics: [topic], maxAttempts: 2 }, async (received, context) => {
      observed.push((received.data as { n: unknown }).n, context.headers);
      (received.data as { n: unknown }).n = 'mutated';
      if (context.attempt === 1) throw new Error('first attempt fails');
    });
    await bus.publish([event]);
    expect(observed[0]).toBe(0);
    expect(observed[2]).toBe(0);
    expect(observed[1]).toMatchObject({ eventId: event.eventId, type: 'TestHappened', tenantId: 'tenant-test', causationId: 'cause-1', schemaVersion: '1', traceparent });
  });

  it('rejects pending acknowledgements when closed, so a relay never checkpoints undelivered events', async () => {
    bus = new InProcessEventBus(fastRetry);
    await bus.subscribe({ groupId: 'stuck', topics: [topic] }, () => new Promise<void>(() => undefined));
    const publishing = bus.publish([testEnvelope('ticket-1', 0)]);
    await bus.close();
    await expect(publishing).rejects.toBeInstanceOf(BusClosedError);
    await expect(bus.publish([testEnvelope('ticket-1', 1)])).rejects.toBeInstanceOf(BusClosedError);
  });
});
