import type { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import { deadLetterTopic } from '@ticketing/contracts';
import { DeadLetterHeader } from '../dead-letter';
import { decodeValue, UndecodableEventError } from '../envelope-codec';
import type { BusSubscription, EventHandler } from '../event-bus.port';
import { describeError, runWithAttempts, type AttemptOutcome } from '../retry/attempts';
import { AbortedError, type BackoffOptions } from '../retry/backoff';
import { decodeKafkaHeaders } from './kafka-headers';

export interface KafkaSubscriptionSettings {
  groupId: string;
  maxAttempts: number;
  backoff: BackoffOptions;
}

/**
 * One consumer-group member. Per message: up to maxAttempts handler calls; on success, or after
 * parking the message on `<topic>.dlq`, commit offset+1 — and only then. Anything that prevents
 * that (a failed DLQ produce, a failed commit) is thrown to kafkajs, which restarts the consumer
 * from the last committed offset: the message is redelivered, never skipped.
 */
export class KafkaSubscription implements BusSubscription {
  private readonly abort = new AbortController();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly deadLetterProducer: () => Promise<Producer>,
    private readonly handler: EventHandler,
    private readonly settings: KafkaSubscriptionSettings,
  ) {}

  readonly onMessage = async ({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> => {
    const headers = decodeKafkaHeaders(message.headers);
    const outcome = await this.attempt(message.value, { topic, partition, offset: message.offset, headers }, heartbeat);
    if (outcome === 'stopped') return; // uncommitted: the group's next member gets it again
    if (!outcome.ok) await this.park(topic, partition, message, outcome);
    await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  };

  stop(): Promise<void> {
    // Abort first so a handler waiting to retry lets go; disconnect then waits for the in-flight call.
    this.abort.abort();
    return (this.stopping ??= this.consumer.disconnect());
  }

  private async attempt(
    value: Buffer | null,
    context: { topic: string; partition: number; offset: string; headers: Record<string, string> },
    heartbeat: () => Promise<void>,
  ): Promise<AttemptOutcome | 'stopped'> {
    try {
      decodeValue(value);
    } catch (error) {
      if (error instanceof UndecodableEventError) return { ok: false, attempts: 0, error }; // retrying cannot help
      throw error;
    }
    try {
      return await runWithAttempts(
        async (attempt) => {
          // kafkajs heartbeats only between messages: keep the membership alive across retries.
          if (attempt > 1) await heartbeat().catch(() => undefined);
          await this.handler(decodeValue(value), { ...context, attempt });
        },
        this.settings.maxAttempts,
        this.settings.backoff,
        this.abort.signal,
      );
    } catch (error) {
      if (error instanceof AbortedError) return 'stopped';
      throw error;
    }
  }

  private async park(topic: string, partition: number, message: EachMessagePayload['message'], outcome: { attempts: number; error: unknown }) {
    const producer = await this.deadLetterProducer();
    await producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DeadLetterHeader.error]: describeError(outcome.error),
            [DeadLetterHeader.attempts]: String(outcome.attempts),
            [DeadLetterHeader.originalTopic]: topic,
            [DeadLetterHeader.originalPartition]: String(partition),
            [DeadLetterHeader.originalOffset]: message.offset,
            [DeadLetterHeader.groupId]: this.settings.groupId,
            [DeadLetterHeader.failedAt]: new Date().toISOString(),
          },
        },
      ],
    });
  }
}
