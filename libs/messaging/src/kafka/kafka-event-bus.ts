import { Kafka, Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { deadLetterTopic, topicForStream, type EventEnvelope } from '@ticketing/contracts';
import { DEFAULT_MAX_ATTEMPTS } from '../dead-letter';
import { defaultTraceparentOf, encodeHeaders, encodeValue, type TraceparentOf } from '../envelope-codec';
import type { BusSubscription, EventBus, EventHandler, SubscribeOptions } from '../event-bus.port';
import { describeError } from '../retry/attempts';
import { consoleKafkaLogSink, kafkaLogCreator, toKafkajsLevel, type KafkaLogSink } from './kafka-log';
import { KAFKA_DEFAULTS, type KafkaEventBusOptions } from './kafka-options';
import { KafkaSubscription } from './kafka-subscription';
import { TopicProvisioner } from './topic-provisioner';

/**
 * The distributed runtime's bus over Kafka: one topic per stream category, key = stream id (so a
 * stream's events share a partition and keep their order), value = the JSON envelope, metadata in
 * headers. publish() resolves only once all in-sync replicas acknowledged (acks = -1).
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly log: KafkaLogSink;
  private readonly topics: TopicProvisioner;
  private readonly traceparentOf: TraceparentOf;
  private readonly subscriptions = new Set<BusSubscription>();
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private closed = false;

  constructor(private readonly options: KafkaEventBusOptions) {
    this.log = options.logSink ?? consoleKafkaLogSink;
    this.traceparentOf = options.traceparentOf ?? defaultTraceparentOf;
    const level = options.logLevel ?? KAFKA_DEFAULTS.logLevel;
    this.kafka = new Kafka({
      brokers: options.brokers,
      clientId: options.clientId ?? KAFKA_DEFAULTS.clientId,
      connectionTimeout: options.connectionTimeout ?? KAFKA_DEFAULTS.connectionTimeout,
      requestTimeout: options.requestTimeout ?? KAFKA_DEFAULTS.requestTimeout,
      retry: { ...KAFKA_DEFAULTS.clientRetry, ...options.clientRetry },
      logLevel: toKafkajsLevel[level],
      logCreator: kafkaLogCreator(this.log),
    });
    this.topics = new TopicProvisioner(
      () => this.connectedAdmin(),
      {
        numPartitions: options.numPartitions ?? KAFKA_DEFAULTS.numPartitions,
        replicationFactor: options.replicationFactor ?? KAFKA_DEFAULTS.replicationFactor,
        timeoutMs: options.connectionTimeout ?? KAFKA_DEFAULTS.connectionTimeout,
      },
      (topics, error) =>
        level !== 'nothing' &&
        this.log({ level: 'info', namespace: 'TopicProvisioner', message: `createTopics failed; relying on auto-creation for ${topics.join(', ')}`, extra: { error: describeError(error) } }),
    );
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    this.assertOpen();
    if (events.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const event of events) {
      const topic = topicForStream(event.streamId);
      const messages = byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!;
      messages.push({ key: event.streamId, value: encodeValue(event), headers: encodeHeaders(event, this.traceparentOf) });
    }
    await this.topics.ensure([...byTopic.keys()]);
    const producer = await this.connectedProducer();
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }

  async subscribe(options: SubscribeOptions, handler: EventHandler): Promise<BusSubscription> {
    this.assertOpen();
    const tuning = { ...KAFKA_DEFAULTS.consumer, ...this.options.consumer };
    await this.topics.ensure([...options.topics, ...options.topics.map(deadLetterTopic)]);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: tuning.sessionTimeout,
      heartbeatInterval: tuning.heartbeatInterval,
      rebalanceTimeout: tuning.rebalanceTimeout,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs,
      allowAutoTopicCreation: true,
      // After kafkajs' own retries give up (e.g. a long broker outage) the consumer restarts
      // from its committed offsets instead of dying.
      retry: { ...KAFKA_DEFAULTS.clientRetry, ...this.options.clientRetry, restartOnFailure: async () => !this.closed },
    });
    const subscription = new KafkaSubscription(consumer, () => this.connectedProducer(), handler, {
      groupId: options.groupId,
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      backoff: { ...KAFKA_DEFAULTS.handlerRetryBackoff, ...this.options.handlerRetryBackoff },
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      await consumer.run({ autoCommit: false, partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently, eachMessage: subscription.onMessage });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    const tracked: BusSubscription = {
      stop: async () => {
        this.subscriptions.delete(tracked);
        await subscription.stop();
      },
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop().catch(() => undefined)));
    const [producer, admin] = [this.producer, this.admin];
    await Promise.all([
      producer?.then((p) => p.disconnect()).catch(() => undefined),
      admin?.then((a) => a.disconnect()).catch(() => undefined),
    ]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KafkaEventBus is closed');
  }

  /** Connects once; a failed connect is forgotten so the next call tries again. */
  private connectedProducer(): Promise<Producer> {
    this.producer ??= connectOnce(
      this.kafka.producer({
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
        // One request in flight per broker: a retried batch cannot overtake the next one.
        maxInFlightRequests: 1,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connectOnce(this.kafka.admin({ retry: { retries: 1 } }), () => (this.admin = undefined));
    return this.admin;
  }
}

function connectOnce<T extends { connect(): Promise<void> }>(client: T, forget: () => void): Promise<T> {
  return client.connect().then(
    () => client,
    (error: unknown) => {
      forget();
      throw error;
    },
  );
}
