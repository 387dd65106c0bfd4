import type { KafkaEventBusOptions } from '../kafka/kafka-options';
import { kcatAvailable } from './kafka-mock-cluster';

/** Bus settings for tests: silent kafkajs, short fetch waits and session timeouts, quick retries. */
export function kafkaTestOptions(brokers: string[], overrides: Partial<KafkaEventBusOptions> = {}): KafkaEventBusOptions {
  return {
    brokers,
    clientId: 'messaging-test',
    logLevel: 'nothing',
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    clientRetry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 3 },
    handlerRetryBackoff: { initialMs: 5, maxMs: 50 },
    ...overrides,
    consumer: { sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 10_000, maxWaitTimeInMs: 100, ...overrides.consumer },
  };
}

/** True when kcat is on PATH; otherwise says why the Kafka tests will be skipped. */
export function kafkaTestsEnabled(suite: string): boolean {
  if (kcatAvailable()) return true;
  console.warn(`${suite}: skipped — kcat (librdkafka mock cluster) is not on PATH; apt-get install -y kcat`);
  return false;
}
