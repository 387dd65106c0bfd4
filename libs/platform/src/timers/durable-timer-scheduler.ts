import { Logger } from '@nestjs/common';
import { inTransaction } from '@ticketing/messaging';
import type { DataSource } from 'typeorm';
import type { ClaimedTimer, DurableTimers } from './durable-timers';

/** What a timer's work may answer: done, or come back at a later instant (the deadline moved). */
export type TimerOutcome = { done: true } | { retryAt: number };

export type TimerHandler<K extends string = string> = (timer: ClaimedTimer<K>, now: number) => Promise<TimerOutcome>;

export interface DurableSchedulerOptions {
  owner: string;
  clock?: () => number;
  /** How long a claim holds before another instance may take the timer over. */
  leaseMs?: number;
  batchSize?: number;
  /** Poll interval when idle; `nudge()` polls at once. */
  idleMs?: number;
  /** Concurrent handlers per batch. */
  concurrency?: number;
}

/**
 * Fires due timers: claim a batch (lease), run each handler, then delete (done) or move it
 * (retry). Handlers must be idempotent; the lease plus the deciders' idempotence make a restart or
 * a second replica neither lose nor double-fire a timer's effect.
 */
export class DurableTimerScheduler<K extends string = string> {
  private readonly logger = new Logger(DurableTimerScheduler.name);
  private readonly clock: () => number;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  fired = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: DurableTimers<K>,
    private readonly handlers: Partial<Record<K, TimerHandler<K>>>,
    private readonly options: DurableSchedulerOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  nudge(): void {
    this.wake?.();
  }

  /** One claim-and-fire round; returns how many timers it handled. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const lease = new Date(now + (this.options.leaseMs ?? 30_000));
    const batch = await inTransaction(this.dataSource, (m) => this.timers.claimDue(m, this.options.owner, new Date(now), lease, this.options.batchSize ?? 100));
    const concurrency = this.options.concurrency ?? 8;
    const outcomes: Array<[ClaimedTimer<K>, TimerOutcome]> = [];
    for (let i = 0; i < batch.length; i += concurrency) {
      const slice = batch.slice(i, i + concurrency);
      const results = await Promise.all(slice.map((timer) => this.fire(timer, now)));
      slice.forEach((timer, k) => outcomes.push([timer, results[k]]));
    }
    // One transaction settles the whole batch: done ones deleted, the rest moved.
    await inTransaction(this.dataSource, async (m) => {
      await this.timers.complete(m, outcomes.filter(([, o]) => 'done' in o).map(([t]) => t), this.options.owner);
      for (const [timer, outcome] of outcomes) {
        if ('retryAt' in outcome) await this.timers.retryAt(m, timer, this.options.owner, new Date(outcome.retryAt));
      }
    });
    this.fired += batch.length;
    return batch.length;
  }

  private async fire(timer: ClaimedTimer<K>, now: number): Promise<TimerOutcome> {
    const handler = this.handlers[timer.kind];
    try {
      return handler ? await handler(timer, now) : { done: true };
    } catch (error) {
      // Backoff doubles with each attempt up to a minute; the timer is never dropped.
      const delay = Math.min(60_000, 500 * 2 ** Math.min(timer.attempts, 7));
      this.logger.warn(`timer ${timer.timerId} failed (attempt ${timer.attempts}): ${(error as Error).message}; retry in ${delay} ms`);
      return { retryAt: now + delay };
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.logger.warn(`timer round failed: ${(error as Error).message}`);
      }
      if (handled > 0 || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, this.options.idleMs ?? 250);
        this.wake = () => {
          clearTimeout(timeout);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
