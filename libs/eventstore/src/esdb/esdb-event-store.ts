import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { categoryOf, type LogPosition, type NewEvent } from '@ticketing/contracts';
import {
  type AppendResult,
  type EventStore,
  EventStoreUnavailableError,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { compareLogPositions } from '../log-position';
import { prepareNewEvent } from '../new-event';
import { startCatchUpSubscription } from '../subscription/catch-up-subscription';
import type { LogPage, LogSource } from '../subscription/log-source';
import { SubscriptionSet } from '../subscription/subscription-set';
import { EsdbCheckpointStore } from './esdb-checkpoint-store';
import {
  type EsdbRecorded,
  fromEsdbEvent,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toLogPosition,
} from './esdb-mapping';

const DEFAULT_READ_ALL_COUNT = 4096;

/** Thin EventStoreDB adapter. Subscriptions use the same polling catch-up loop as the PostgreSQL
 * store (over readAll, system events excluded), so both behave identically under the contract suite. */
export class EsdbEventStore implements EventStore, LogSource {
  readonly checkpoints: EsdbCheckpointStore;
  private readonly appendListeners = new Set<() => void>();
  private readonly subscriptions = new SubscriptionSet();

  private constructor(private readonly client: EventStoreDBClient) {
    this.checkpoints = new EsdbCheckpointStore(client);
  }

  /** Connects and makes one read, so an unreachable server fails here with a clear error. */
  static async connect(connectionString: string): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
    try {
      await store.guard(() => store.readPage(undefined, 1));
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      const result = await this.guard(() =>
        this.client.appendToStream(streamId, events.map((event) => toEventData(prepareNewEvent(event))), {
          expectedRevision: toEsdbExpectedRevision(expected),
        }),
      );
      this.appendListeners.forEach((listener) => listener());
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        logPosition: result.position ? toLogPosition(result.position) : { commit: -1, prepare: -1 },
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === 'no_stream' ? -1 : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      await this.guard(async () => {
        for await (const resolved of read) if (resolved.event) events.push(fromEsdbEvent(resolved.event as EsdbRecorded));
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readPage(options.after, options.maxCount ?? DEFAULT_READ_ALL_COUNT, options.categories)).events;
  }

  /** ESDB reads $all from a position inclusively; one extra event is read so `after` can be dropped. */
  async readPage(after: LogPosition | undefined, maxCount: number, categories?: string[]): Promise<LogPage> {
    const requested = maxCount + 1;
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after ? toEsdbPosition(after) : START,
      maxCount: requested,
    });
    const events: RecordedEvent[] = [];
    let scanned = 0;
    let full = false;
    let scannedTo: LogPosition | undefined;
    await this.guard(async () => {
      for await (const resolved of read) {
        const raw = resolved.event;
        if (raw && events.length >= maxCount) {
          full = true; // stop before this event, so scannedTo never passes an undelivered one
          break;
        }
        scanned++;
        if (!raw) continue;
        const position = toLogPosition(raw.position);
        scannedTo = position;
        if (after && compareLogPositions(position, after) <= 0) continue;
        if (isSystemEvent(raw)) continue;
        if (categories && !categories.includes(categoryOf(raw.streamId))) continue;
        events.push(fromEsdbEvent(raw as EsdbRecorded));
      }
    });
    return { events, endOfLog: !full && scanned < requested, scannedTo };
  }

  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  subscribeToAll(subscriptionId: string, handler: SubscriptionHandler, options?: SubscribeOptions): Subscription {
    return this.subscriptions.track(startCatchUpSubscription(subscriptionId, this, handler, options));
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    this.appendListeners.clear();
    await this.client.dispose();
  }

  /** Maps the client's transport failures to EventStoreUnavailableError. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const name = (error as { type?: string; name?: string })?.type ?? (error as Error)?.name;
      if (/unavailable|deadline|timeout|cancelled/i.test(String(name))) {
        throw new EventStoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`, error);
      }
      throw error;
    }
  }
}
