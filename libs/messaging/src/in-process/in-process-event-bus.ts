import { deadLetterTopic, topicForStream, type EventEnvelope } from '@ticketing/contracts';
import { DEFAULT_MAX_ATTEMPTS, DeadLetterHeader, type DeadLetter } from '../dead-letter';
import { decodeValue, defaultTraceparentOf, encodeHeaders, encodeValue, type TraceparentOf } from '../envelope-codec';
import type { BusSubscription, EventBus, EventHandler, SubscribeOptions } from '../event-bus.port';
import { runWithAttempts, describeError } from '../retry/attempts';
import type { BackoffOptions } from '../retry/backoff';
import { InProcessGroup, type Delivery, type GroupMember, type InProcessRecord } from './in-process-group';

export interface InProcessEventBusOptions {
  /**
   * When `publish` resolves. 'handled' (default): once every group subscribed to the event's
   * topic has handled or dead-lettered it. This bus keeps nothing on disk, so only this makes the
   * relay's checkpoint (saved after publish) imply delivery — a crash before that republishes.
   * 'enqueued': at once, like a fire-and-forget broker; events queued at a crash are lost.
   */
  acknowledge?: 'handled' | 'enqueued';
  /** Backoff between a failing handler's attempts. */
  retryBackoff?: BackoffOptions;
  /** Per topic, how many past messages a new group subscribing `fromBeginning` can still see. */
  retainPerTopic?: number;
  /** How many keys one subscriber handles concurrently (each key stays strictly ordered). */
  maxConcurrentKeys?: number;
  traceparentOf?: TraceparentOf;
}

export class BusClosedError extends Error {
  constructor() {
    super('The event bus is closed');
    this.name = 'BusClosedError';
  }
}

interface TopicLog {
  nextOffset: number;
  retained: InProcessRecord[];
}

/**
 * The embedded runtime's bus: Kafka's delivery semantics inside one process — every group sees
 * every event, per-key order, at-least-once with bounded retries, then `<topic>.dlq`.
 * Publishing inside a handler and awaiting it can deadlock in 'handled' mode when it targets the
 * handler's own key; handlers append to the store instead and let the relay publish.
 */
export class InProcessEventBus implements EventBus {
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, InProcessGroup>();
  private readonly parked: DeadLetter[] = [];
  private readonly acknowledge: 'handled' | 'enqueued';
  private readonly retryBackoff: BackoffOptions;
  private readonly retainPerTopic: number;
  private readonly maxConcurrentKeys: number;
  private readonly traceparentOf: TraceparentOf;
  private closed = false;

  constructor(options: InProcessEventBusOptions = {}) {
    this.acknowledge = options.acknowledge ?? 'handled';
    this.retryBackoff = options.retryBackoff ?? { initialMs: 10, maxMs: 1_000 };
    this.retainPerTopic = options.retainPerTopic ?? 10_000;
    this.maxConcurrentKeys = options.maxConcurrentKeys ?? 16;
    this.traceparentOf = options.traceparentOf ?? defaultTraceparentOf;
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    const acknowledgements: Promise<void>[] = [];
    for (const event of events) {
      const record = this.append(topicForStream(event.streamId), event.streamId, encodeValue(event), encodeHeaders(event, this.traceparentOf));
      acknowledgements.push(...this.fanOut(record, this.acknowledge === 'handled'));
    }
    await Promise.all(acknowledgements);
  }

  async subscribe(options: SubscribeOptions, handler: EventHandler): Promise<BusSubscription> {
    if (this.closed) throw new BusClosedError();
    const group = this.groupFor(options.groupId);
    for (const topic of options.topics) {
      if (group.hasTopic(topic)) continue;
      group.addTopic(topic);
      // A group new to a topic starts at its retained beginning or at its end, as in Kafka.
      if (options.fromBeginning) for (const record of this.topics.get(topic)?.retained ?? []) group.enqueue({ record });
    }
    const member: GroupMember = {
      groupId: options.groupId,
      topics: new Set(options.topics),
      handler,
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      abort: new AbortController(),
      inFlight: 0,
    };
    group.addMember(member);
    let stopped: Promise<void> | undefined;
    return { stop: () => (stopped ??= group.removeMember(member)) };
  }

  /** Events parked after exhausting their attempts, optionally only those from one topic. */
  deadLetters(topic?: string): readonly DeadLetter[] {
    return topic === undefined ? [...this.parked] : this.parked.filter((letter) => letter.topic === topic);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new BusClosedError();
    for (const group of this.groups.values()) group.rejectPending(error);
  }

  private groupFor(groupId: string): InProcessGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new InProcessGroup(groupId, (member, delivery) => this.deliver(member, delivery), this.maxConcurrentKeys);
      this.groups.set(groupId, group);
    }
    return group;
  }

  private append(topic: string, key: string, value: string, headers: Record<string, string>): InProcessRecord {
    let log = this.topics.get(topic);
    if (!log) {
      log = { nextOffset: 0, retained: [] };
      this.topics.set(topic, log);
    }
    const record: InProcessRecord = { topic, key, offset: log.nextOffset++, value, headers };
    log.retained.push(record);
    // Trim in chunks so appends stay O(1) amortised.
    if (log.retained.length > this.retainPerTopic + 1_024) log.retained.splice(0, log.retained.length - this.retainPerTopic);
    return record;
  }

  private fanOut(record: InProcessRecord, awaitHandling: boolean): Promise<void>[] {
    const acknowledgements: Promise<void>[] = [];
    for (const group of this.groups.values()) {
      if (!group.hasTopic(record.topic)) continue;
      const delivery: Delivery = { record };
      if (awaitHandling) {
        acknowledgements.push(new Promise<void>((resolve, reject) => (delivery.settle = { resolve, reject })));
      }
      group.enqueue(delivery);
    }
    return acknowledgements;
  }

  private async deliver(member: GroupMember, { record }: Delivery): Promise<void> {
    const context = { topic: record.topic, partition: 0, offset: String(record.offset), headers: record.headers };
    const outcome = await runWithAttempts(
      // A fresh decode per attempt: a handler that mutated the event cannot taint its retry.
      (attempt) => member.handler(decodeValue(record.value), { ...context, attempt }),
      member.maxAttempts,
      this.retryBackoff,
      member.abort.signal,
    );
    if (!outcome.ok) this.park(record, member.groupId, describeError(outcome.error), outcome.attempts);
  }

  private park(record: InProcessRecord, groupId: string, error: string, attempts: number): void {
    const dlqTopic = deadLetterTopic(record.topic);
    let event: EventEnvelope | undefined;
    try {
      event = decodeValue(record.value);
    } catch {
      event = undefined;
    }
    const failedAt = new Date().toISOString();
    this.parked.push({ topic: record.topic, deadLetterTopic: dlqTopic, groupId, key: record.key, event, error, attempts, failedAt });
    const headers = {
      ...record.headers,
      [DeadLetterHeader.error]: error,
      [DeadLetterHeader.attempts]: String(attempts),
      [DeadLetterHeader.originalTopic]: record.topic,
      [DeadLetterHeader.originalPartition]: '0',
      [DeadLetterHeader.originalOffset]: String(record.offset),
      [DeadLetterHeader.groupId]: groupId,
      [DeadLetterHeader.failedAt]: failedAt,
    };
    // Never awaits the DLQ's own consumers: parking must not block the original lane.
    this.fanOut(this.append(dlqTopic, record.key, record.value, headers), false);
  }
}
