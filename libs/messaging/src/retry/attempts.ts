import { backoffDelay, sleep, type BackoffOptions } from './backoff';

export type AttemptOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: unknown };

/** Runs `work` up to `maxAttempts` times with backoff between failures. Never throws for a
 * failing `work` (the caller decides: dead-letter); only an abort propagates. */
export async function runWithAttempts(
  work: (attempt: number) => Promise<void>,
  maxAttempts: number,
  backoff: BackoffOptions,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      await work(attempt);
      return { ok: true, attempts: attempt };
    } catch (error) {
      lastError = error;
      if (attempt < maxAttempts) await sleep(backoffDelay(attempt, backoff), signal);
    }
  }
  return { ok: false, attempts: maxAttempts, error: lastError };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
