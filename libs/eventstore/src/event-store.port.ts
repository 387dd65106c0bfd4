import type { EventEnvelope, LogPosition, NewEvent } from '@ticketing/contracts';

/** Expected revision for an append: the stream must not exist, must exist, anything goes,
 * or its last event must be at exactly this 0-based revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export type RecordedEvent = EventEnvelope;

export interface AppendResult {
  /** Revision of the last appended event: pass it as expectedRevision for the next append. */
  nextExpectedRevision: number;
  /** Log position of the last appended event. */
  logPosition: LogPosition;
  /** The appended events as stored, when the store can tell without another read (PostgreSQL can). */
  recorded?: RecordedEvent[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (for backwards: the highest revision to return). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted = from the start. */
  after?: LogPosition;
  maxCount?: number;
  /** Only these stream categories (e.g. ['ticket']). */
  categories?: string[];
}

export type SubscriptionHandler = (events: RecordedEvent[]) => Promise<void>;

export interface SubscribeOptions {
  /** Page size per read of the global log. */
  batchSize?: number;
  categories?: string[];
  /** How long to wait before polling again when caught up. */
  idleMs?: number;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscription has processed everything in the log at call time. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface CheckpointStore {
  load(subscriptionId: string): Promise<LogPosition | undefined>;
  save(subscriptionId: string, position: LogPosition): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** How many events the global log holds (of these categories): for progress bars. Optional: a
   * store that can only count by reading everything leaves it out. */
  countAll?(options?: { categories?: string[] }): Promise<number>;
  /** Catch-up subscription over the global log: starts after the durable checkpoint, calls the
   * handler batch by batch in log order, saves the checkpoint after each handled batch. */
  subscribeToAll(subscriptionId: string, handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Current revision of the stream, -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class EventStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
