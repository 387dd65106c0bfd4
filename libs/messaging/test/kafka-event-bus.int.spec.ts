import { topicForStream, type EventEnvelope } from '@ticketing/contracts';
import { eventually, uniqueCategory } from '@ticketing/eventstore/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DeadLetterHeader, KafkaEventBus, type ConsumeContext } from '../src';
import {
  firstOccurrencesInOrder,
  kafkaTestOptions,
  kafkaTestsEnabled,
  startKafkaMockCluster,
  testEnvelope,
  type KafkaMockCluster,
} from '../src/testing';

jest.setTimeout(60_000);
const enabled = kafkaTestsEnabled('KafkaEventBus against the librdkafka mock cluster');

(enabled ? describe : describe.skip)('KafkaEventBus against the librdkafka mock cluster', () => {
  let cluster: KafkaMockCluster;
  let bus: KafkaEventBus;

  beforeAll(async () => {
    cluster = await startKafkaMockCluster();
    bus = new KafkaEventBus(kafkaTestOptions(cluster.brokers));
  });
  afterAll(async () => {
    await bus?.close();
    await cluster?.stop();
  });

  it('delivers every event to every group, per stream in order, with metadata headers', async () => {
    const category = uniqueCategory();
    const topic = topicForStream(`${category}-x`);
    const seen: Record<string, EventEnvelope[]> = { a: [], b: [] };
    const contexts: ConsumeContext[] = [];
    const subscriptions = await Promise.all(
      ['a', 'b'].map((group) =>
        bus.subscribe({ groupId: `${category}-${group}`, topics: [topic], fromBeginning: true }, async (event, context) => {
          seen[group].push(event);
          if (group === 'a') contexts.push(context);
        }),
      ),
    );
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const events = Array.from({ length: 10 }, (_, s) =>
      Array.from({ length: 20 }, (_, i) => ({ ...testEnvelope(`${category}-${s}`, i, { causationId: `cause-${i}` }), traceparent })),
    ).flat();
    for (let i = 0; i < events.length; i += 50) await bus.publish(events.slice(i, i + 50));

    await eventually(() => seen.a.length >= 200 && seen.b.length >= 200, { timeoutMs: 30_000, description: 'both groups to receive 200 events' });
    for (const group of ['a', 'b']) {
      expect(new Set(seen[group].map((e) => e.eventId)).size).toBe(200);
      expect(firstOccurrencesInOrder(seen[group])).toEqual([]);
    }
    const first = events[0];
    const context = contexts.find((c) => c.headers?.eventId === first.eventId)!;
    expect(context.topic).toBe(topic);
    expect(context.headers).toEqual({
      eventId: first.eventId,
      type: first.type,
      tenantId: first.tenantId,
      correlationId: first.correlationId,
      causationId: 'cause-0',
      schemaVersion: '1',
      traceparent,
    });
    expect(seen.a.find((e) => e.eventId === first.eventId)).toEqual(first);
    await Promise.all(subscriptions.map((s) => s.stop()));
  });

  it('parks a poison event on <topic>.dlq with error headers; other keys and later events go on', async () => {
    const category = uniqueCategory();
    const topic = topicForStream(`${category}-x`);
    const poison = testEnvelope(`${category}-poison`, 0);
    const attempts: number[] = [];
    const handled: EventEnvelope[] = [];
    const worker = await bus.subscribe({ groupId: `${category}-worker`, topics: [topic], fromBeginning: true, maxAttempts: 3 }, async (event, context) => {
      if (event.eventId === poison.eventId) {
        attempts.push(context.attempt ?? 0);
        throw new Error('poison pill');
      }
      handled.push(event);
    });
    const others = Array.from({ length: 8 }, (_, s) => Array.from({ length: 5 }, (_, i) => testEnvelope(`${category}-${s}`, i))).flat();
    const laterOnSameKey = testEnvelope(`${category}-poison`, 1);
    await bus.publish([poison, ...others]);
    await bus.publish([laterOnSameKey]);

    await eventually(() => handled.length >= 41, { timeoutMs: 30_000, description: 'every healthy event to be handled' });
    expect(attempts).toEqual([1, 2, 3]);
    expect(handled.map((e) => e.eventId)).toContain(laterOnSameKey.eventId);
    expect(firstOccurrencesInOrder(handled.filter((e) => e.streamId !== poison.streamId))).toEqual([]);

    // Read the DLQ with a plain kafkajs consumer: what an operator's tooling would see.
    const parked = await readOne(cluster.brokers, `${topic}.dlq`);
    expect(parked.key).toBe(poison.streamId);
    expect(JSON.parse(parked.value).eventId).toBe(poison.eventId);
    expect(parked.headers).toMatchObject({
      eventId: poison.eventId,
      [DeadLetterHeader.attempts]: '3',
      [DeadLetterHeader.originalTopic]: topic,
      [DeadLetterHeader.groupId]: `${category}-worker`,
    });
    expect(parked.headers[DeadLetterHeader.error]).toContain('poison pill');
    await worker.stop();
  });
});

async function readOne(brokers: string[], topic: string): Promise<{ key: string; value: string; headers: Record<string, string> }> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${topic}`, maxWaitTimeInMs: 100, sessionTimeout: 6_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let found: { key: string; value: string; headers: Record<string, string> } | undefined;
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      found ??= { key: String(message.key), value: String(message.value), headers };
    },
  });
  try {
    await eventually(() => found !== undefined, { timeoutMs: 30_000, description: `a message on ${topic}` });
    return found!;
  } finally {
    await consumer.disconnect();
  }
}
