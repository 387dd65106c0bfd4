/** Timing helpers for the benchmark: concurrent workers, latency percentiles. */
export interface Throughput {
  ops: number;
  eps: number;
  p50Ms: number;
  p99Ms: number;
}

/** One measured run: how long it took and every op's latency. */
export interface Run {
  seconds: number;
  latenciesMs: number[];
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** `workers` loops, each running `op(worker, i)` `perWorker` times back to back; the first `warmup`
 * ops of every worker are not measured (connections, plans, caches). */
export async function runConcurrent(
  workers: number,
  perWorker: number,
  warmup: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<Run> {
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; i < warmup; i++) await op(w, i);
  }));
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = warmup; i < warmup + perWorker; i++) {
        const t0 = process.hrtime.bigint();
        await op(w, i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs: latencies };
}

/** Several runs as one: total ops over total time, percentiles over all latencies. */
export function summarize(runs: Run[]): Throughput {
  const latencies = runs.flatMap((run) => run.latenciesMs).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return { ops: latencies.length, eps: latencies.length / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/** Mean microseconds per call of `op`, after `warmup` unmeasured calls. */
export async function timePerCallUs(iterations: number, warmup: number, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await op();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await op();
  return Number(process.hrtime.bigint() - started) / 1e3 / iterations;
}

/** Events per second of paging through a log with `readPage` until it returns nothing. */
export async function replayRate<Cursor>(
  readPage: (cursor: Cursor | undefined) => Promise<{ count: number; next: Cursor | undefined }>,
): Promise<{ events: number; eps: number }> {
  let cursor: Cursor | undefined;
  let events = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const page = await readPage(cursor);
    if (page.count === 0) break;
    events += page.count;
    cursor = page.next;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, eps: events / seconds };
}
