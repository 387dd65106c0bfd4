import type { EventEnvelope } from '@ticketing/contracts';

export interface ConsumeContext {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on first delivery to this handler, incremented on each retry. */
  attempt?: number;
  /** Transport headers (eventId, type, tenantId, traceparent, ...), when the bus has them. */
  headers?: Readonly<Record<string, string>>;
}

export type EventHandler = (event: EventEnvelope, context: ConsumeContext) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: every group sees every event; members of a group share partitions. */
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** Attempts before an event is parked on `<topic>.dlq` (default 3). */
  maxAttempts?: number;
}

export interface BusSubscription {
  stop(): Promise<void>;
}

export interface EventBus {
  /** Publishes in order per stream (key = streamId); resolves only after the broker acknowledged. */
  publish(events: EventEnvelope[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: EventHandler): Promise<BusSubscription>;
  close(): Promise<void>;
}
