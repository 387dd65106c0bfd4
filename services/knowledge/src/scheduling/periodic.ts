import type { Logger } from '@nestjs/common';

export interface Periodic {
  stop(): Promise<void>;
}

/** Runs `work` every `everyMs`, never two at once; a failure is logged and the next tick tries again. */
export function startPeriodic(what: string, everyMs: number, work: () => Promise<unknown>, logger: Logger): Periodic {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .catch((error) => logger.warn(`${what} failed: ${(error as Error).message}`))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
