import type { LogPosition } from '@ticketing/contracts';
import type { SubscribeOptions, Subscription, SubscriptionHandler } from '../event-store.port';
import { compareLogPositions } from '../log-position';
import { InterruptibleDelay, retryDelayMs } from './interruptible-delay';
import type { LogSource } from './log-source';

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_IDLE_MS = 25;

interface CaughtUpWaiter {
  /** Reads started before the waiter registered do not count. */
  afterRead: number;
  head?: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

class SubscriptionStopped extends Error {
  constructor() {
    super('subscription stopped');
  }
}

/** Polling catch-up subscription shared by every store: read a page after the checkpoint, hand it to
 * the handler, save the checkpoint only after the handler resolved, repeat; idle briefly at the end
 * of the log. Failures (read, handler, checkpoint) are retried with backoff and reported, never
 * skipped, so delivery is at-least-once and in log order. */
export function startCatchUpSubscription(
  subscriptionId: string,
  source: LogSource,
  handler: SubscriptionHandler,
  options: SubscribeOptions = {},
): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const idle = new InterruptibleDelay(true); // cut short by local appends and caughtUp() calls
  const backoff = new InterruptibleDelay(); // cut short only by stop()
  const waiters: CaughtUpWaiter[] = [];
  let readsStarted = 0;
  let stopped = false;
  const unsubscribe = source.onAppend?.(() => idle.interrupt());

  /** Runs `step` until it succeeds, reporting each failure; gives up only when stopped. */
  async function persistently<T>(step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (stopped) throw new SubscriptionStopped();
      try {
        return await step();
      } catch (error) {
        if (stopped) throw new SubscriptionStopped();
        options.onError?.(error);
        await backoff.wait(retryDelayMs(attempt));
      }
    }
  }

  function settleWaiters(read: number, horizon: number | undefined): void {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      const headSeen = waiter.head === undefined || (horizon !== undefined && horizon >= waiter.head);
      if (read > waiter.afterRead && headSeen) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  async function run(): Promise<void> {
    let position: LogPosition | undefined = await persistently(() => source.checkpoints.load(subscriptionId));
    while (!stopped) {
      const read = ++readsStarted;
      const page = await persistently(() => source.readPage(position, batchSize, options.categories));
      if (page.events.length > 0) {
        const events = page.events;
        await persistently(() => handler(events));
        const last = events[events.length - 1].logPosition;
        await persistently(() => source.checkpoints.save(subscriptionId, last));
        position = last;
      }
      if (page.scannedTo && (!position || compareLogPositions(page.scannedTo, position) > 0)) {
        position = page.scannedTo; // in memory only: the next handled batch saves a later position
      }
      if (page.endOfLog) {
        settleWaiters(read, page.horizon);
        if (!stopped) await idle.wait(idleMs);
      }
    }
  }

  const running = run().catch((error: unknown) => {
    if (!(error instanceof SubscriptionStopped)) options.onError?.(error);
  });

  return {
    async caughtUp() {
      if (stopped) throw new SubscriptionStopped();
      const head = await source.captureHead?.();
      await new Promise<void>((resolve, reject) => {
        waiters.push({ afterRead: readsStarted, head, resolve, reject });
        idle.interrupt();
      });
    },
    async stop() {
      if (stopped) return running;
      stopped = true;
      unsubscribe?.();
      idle.interrupt();
      backoff.interrupt();
      for (const waiter of waiters.splice(0)) waiter.reject(new SubscriptionStopped());
      await running;
    },
  };
}
