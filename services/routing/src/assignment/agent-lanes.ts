/**
 * Runs `work` over `items` with at most `concurrency` at a time, never two of the same lane (key)
 * at once, and each lane in the items' order. A free worker always takes the earliest item whose
 * lane is idle, so the order of the input (queue order) is kept as far as the lanes allow.
 *
 * Dispatch persists its planned assignments this way with the agent as lane: assignments to
 * different agents take different roster row locks and run in parallel; one agent's wait on its
 * own lock, in plan order, exactly as the sequential round did. A failing item does not stop the
 * others: every item is attempted, and the results say which failed.
 */
export async function runInLanes<T, R>(
  items: readonly T[],
  laneOf: (item: T) => string,
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<Array<{ ok: true; value: R } | { ok: false; error: unknown }>> {
  const results: Array<{ ok: true; value: R } | { ok: false; error: unknown }> = new Array(items.length);
  // Per lane, the indexes of its items in input order; `ready` holds the idle lanes with work left,
  // ordered by the index of their next item.
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = laneOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const ready: Array<{ key: string; next: number }> = [...lanes].map(([key, indexes]) => ({ key, next: indexes[0] }));
  ready.sort((a, b) => a.next - b.next);
  const enqueue = (key: string, next: number) => {
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ready[mid].next < next) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, { key, next });
  };

  const worker = async (): Promise<void> => {
    for (let lane = ready.shift(); lane; lane = ready.shift()) {
      const indexes = lanes.get(lane.key) as number[];
      const index = indexes.shift() as number;
      try {
        results[index] = { ok: true, value: await work(items[index]) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
      if (indexes.length > 0) enqueue(lane.key, indexes[0]);
    }
  };
  // A worker that finds no idle lane ends; the lanes left are then busy and their own worker goes on.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, lanes.size)) }, worker));
  return results;
}
