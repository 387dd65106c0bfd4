/** A timer that can be cut short: `wait(ms)` resolves after ms or at `interrupt()`. With `sticky`,
 * an interrupt that arrives while nobody waits makes the next wait return at once (a wake-up
 * signalled during a read is not lost). */
export class InterruptibleDelay {
  private pending?: { timer: NodeJS.Timeout; resolve: () => void };
  private signalled = false;

  constructor(private readonly sticky = false) {}

  wait(ms: number): Promise<void> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve();
      }, ms);
      this.pending = { timer, resolve };
    });
  }

  interrupt(): void {
    const pending = this.pending;
    if (!pending) {
      this.signalled = this.sticky;
      return;
    }
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve();
  }
}

/** Handler/reader retry delay: 50 ms doubling to 5 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(50 * 2 ** Math.max(0, attempt - 1), 5_000);
}
