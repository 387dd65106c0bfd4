import type { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlQueryable } from './sql-client';

/** SqlClient over one embedded PGlite instance. PGlite is a single connection; its `query()` and
 * `transaction()` already queue on one mutex (a plain query never runs inside someone else's open
 * transaction), so transactions are serialized without extra locking here. Never call the outer
 * client from inside `transaction(fn)`: that would wait for itself. */
export function createPgliteSqlClient(db: PGlite, options: { ownsDatabase?: boolean } = {}): SqlClient {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await db.query<Row>(sql, params);
      return { rows: result.rows };
    },
    transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) =>
        fn({
          async query<Row>(sql: string, params?: unknown[]) {
            const result = await tx.query<Row>(sql, params);
            return { rows: result.rows };
          },
        }),
      );
    },
    async close() {
      if (options.ownsDatabase !== false && !db.closed) await db.close();
    },
  };
}

/** Opens PGlite in memory (dataDir undefined) or on disk. Loaded lazily: it is an ES-module-sized
 * WASM package the PostgreSQL-only deployments never need. */
export async function openPglite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  return db;
}
