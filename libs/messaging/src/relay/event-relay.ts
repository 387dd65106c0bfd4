import type { EventStore, RecordedEvent, Subscription } from '@ticketing/eventstore';
import type { EventBus } from '../event-bus.port';
import { abortable, backoffDelay, sleep, type BackoffOptions } from '../retry/backoff';

export interface RelayOptions {
  /** Names the durable checkpoint: a restarted relay with the same id resumes after it. */
  subscriptionId: string;
  /** Only these stream categories (default: all). */
  categories?: string[];
  /** Events read from the log and published per batch. */
  batchSize?: number;
  /** Poll interval once caught up. */
  idleMs?: number;
  /** Backoff between attempts to publish a batch the bus rejected; attempts never end. */
  retryBackoff?: BackoffOptions;
  /** Each failed publish attempt, before its retry (logs, metrics, alerts). */
  onPublishError?: (error: unknown, attempt: number) => void;
  /** Each batch once the bus acknowledged it. */
  onPublished?: (events: readonly RecordedEvent[]) => void;
  /** Failures the store subscription reports (reads, checkpoint saves). */
  onError?: (error: unknown) => void;
}

export interface EventRelay {
  readonly subscriptionId: string;
  /** Resolves once everything in the log when called has been published and checkpointed. */
  caughtUp(): Promise<void>;
  /** Stops at once, even mid-retry; an unacknowledged batch is not checkpointed (republished later). */
  stop(): Promise<void>;
}

export class RelayStoppedError extends Error {
  constructor() {
    super('relay stopped before the bus acknowledged the batch');
    this.name = 'RelayStoppedError';
  }
}

/**
 * Store-to-bus relay: follows the store's global log with a catch-up subscription and publishes
 * each batch. The subscription saves its checkpoint only after the handler resolved, and the
 * handler resolves only after the bus acknowledged — so a crash or outage at any point means
 * republishing from the checkpoint (at-least-once), never a gap. A batch the bus rejects is
 * retried with backoff until it goes through or the relay is stopped.
 */
export function startRelay(store: EventStore, bus: EventBus, options: RelayOptions): EventRelay {
  const stopping = new AbortController();
  const backoff = { initialMs: 200, maxMs: 10_000, ...options.retryBackoff };

  const publishUntilAcknowledged = async (events: RecordedEvent[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        // abortable: stop() must not wait for a send stuck on an unreachable broker.
        await abortable(bus.publish(events), stopping.signal);
        options.onPublished?.(events);
        return;
      } catch (error) {
        if (stopping.signal.aborted) throw new RelayStoppedError();
        options.onPublishError?.(error, attempt);
        await sleep(backoffDelay(attempt, backoff), stopping.signal).catch(() => {
          throw new RelayStoppedError();
        });
      }
    }
  };

  const subscription: Subscription = store.subscribeToAll(options.subscriptionId, publishUntilAcknowledged, {
    batchSize: options.batchSize,
    categories: options.categories,
    idleMs: options.idleMs,
    onError: (error) => {
      if (!(error instanceof RelayStoppedError)) options.onError?.(error);
    },
  });

  let stopped: Promise<void> | undefined;
  return {
    subscriptionId: options.subscriptionId,
    caughtUp: () => subscription.caughtUp(),
    stop: () => {
      stopping.abort();
      return (stopped ??= subscription.stop());
    },
  };
}
