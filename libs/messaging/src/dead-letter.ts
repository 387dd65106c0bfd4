import type { EventEnvelope } from '@ticketing/contracts';

/** Headers added to a message parked on `<topic>.dlq`, so an operator can see why and where from. */
export const DeadLetterHeader = {
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  groupId: 'dlq-group-id',
  failedAt: 'dlq-failed-at',
} as const;

export const DEFAULT_MAX_ATTEMPTS = 3;

/** A parked event as the in-process bus keeps it (Kafka keeps the same facts as headers). */
export interface DeadLetter {
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  key: string;
  /** The event, or undefined when the message could not even be decoded. */
  event: EventEnvelope | undefined;
  error: string;
  attempts: number;
  failedAt: string;
}
