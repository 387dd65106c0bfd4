import { DataSource, type EntityManager } from 'typeorm';

/**
 * typeorm-pglite hands every query runner the same single PGlite session, so two transactions
 * started concurrently on one DataSource would interleave their statements (one's ROLLBACK undoing
 * the other's work). Transactions started through `inTransaction` are therefore queued per
 * DataSource on such drivers; on a pg pool they run concurrently as usual.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function sharesOneSession(dataSource: DataSource): boolean {
  const driver = (dataSource.options as { driver?: { Pool?: { name?: string } } }).driver;
  return driver?.Pool?.name === 'PGlitePool';
}

/** Runs `work` in a transaction on a DataSource, or in a nested one (savepoint) when handed an
 * EntityManager that is already inside a transaction. */
export function inTransaction<T>(target: DataSource | EntityManager, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!(target instanceof DataSource) || !sharesOneSession(target)) return target.transaction(work);
  const previous = queues.get(target) ?? Promise.resolve();
  const run = previous.then(() => target.transaction(work));
  // The queue only orders; each caller still sees its own failure.
  queues.set(target, run.catch(() => undefined));
  return run;
}
