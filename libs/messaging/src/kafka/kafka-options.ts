import type { TraceparentOf } from '../envelope-codec';
import type { BackoffOptions } from '../retry/backoff';
import type { KafkaLogLevel, KafkaLogSink } from './kafka-log';

export interface KafkaConsumerTuning {
  /** A member silent this long is evicted from its group (its partitions move on). */
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** Longest a fetch waits for data; bounds consume latency on quiet topics. */
  maxWaitTimeInMs?: number;
  /** Partitions handled in parallel per subscription; order still holds within each partition. */
  partitionsConsumedConcurrently?: number;
}

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId?: string;
  /** Used when this bus creates a topic itself (real Kafka); auto-created topics get broker defaults. */
  numPartitions?: number;
  replicationFactor?: number;
  connectionTimeout?: number;
  requestTimeout?: number;
  /**
   * kafkajs' own reconnect/retry for produce, fetch, commit and group membership. After it gives
   * up, publish rejects (the relay retries on top, forever) and a consumer restarts itself.
   */
  clientRetry?: { initialRetryTime?: number; maxRetryTime?: number; retries?: number };
  /** Backoff between a failing handler's attempts (before dead-lettering). */
  handlerRetryBackoff?: BackoffOptions;
  consumer?: KafkaConsumerTuning;
  logLevel?: KafkaLogLevel;
  logSink?: KafkaLogSink;
  traceparentOf?: TraceparentOf;
}

export const KAFKA_DEFAULTS = {
  clientId: 'ticketing',
  numPartitions: 4,
  replicationFactor: -1, // the broker's default.replication.factor
  connectionTimeout: 3_000,
  requestTimeout: 30_000,
  clientRetry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 },
  handlerRetryBackoff: { initialMs: 200, maxMs: 5_000 },
  consumer: {
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    rebalanceTimeout: 60_000,
    maxWaitTimeInMs: 1_000,
    partitionsConsumedConcurrently: 4,
  },
  logLevel: 'warn',
} as const;
