import { Pool, type PoolConfig } from 'pg';
import type { SqlClient, SqlQueryable } from './sql-client';
import { toStoreError } from './connection-errors';

export interface PgSqlClientOptions {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  connectionTimeoutMillis?: number;
  /** Use named prepared statements (parsed once per connection, planned once: see genericPlans). Default true. */
  prepare?: boolean;
  /** Plan each prepared statement once per connection (`plan_cache_mode=force_generic_plan`). Default
   * true: the store's few statements have one best plan whatever the parameters (index lookups by
   * stream or log position), yet PostgreSQL kept re-planning the append statement on every call
   * because a custom plan folds its CASE on the expectation — about a fifth of an append's server time. */
  genericPlans?: boolean;
  /** Extra pg pool settings. */
  pool?: Omit<PoolConfig, 'connectionString' | 'max'>;
}

/** Describes the target without credentials, for error messages. */
export function describeConnectionString(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** SqlClient over a node-postgres pool. */
export function createPgSqlClient(options: PgSqlClientOptions): SqlClient {
  const genericPlans = options.prepare !== false && options.genericPlans !== false;
  const pool = new Pool({
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    ...options.pool,
    // A startup parameter, not a SET after connecting: nothing to race the first query. An `options`
    // in the connection string takes precedence (node-postgres lets the URL win).
    options: [options.pool?.options, genericPlans ? '-c plan_cache_mode=force_generic_plan' : undefined].filter(Boolean).join(' ') || undefined,
    connectionString: options.connectionString,
    max: options.max ?? 10,
  });
  // An idle client losing its connection emits on the pool; without a listener that crashes the process.
  pool.on('error', () => undefined);
  const target = describeConnectionString(options.connectionString);
  const statement = options.prepare === false ? (sql: string, values?: unknown[]) => ({ text: sql, values }) : preparedStatements();
  const fail = (error: unknown): never => {
    throw toStoreError(error, target);
  };

  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pool.query(statement(sql, params)).catch(fail);
      return { rows: result.rows as Row[] };
    },
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch(fail);
      let broken = false;
      try {
        await client.query('BEGIN');
        const tx: SqlQueryable = {
          async query<Row>(sql: string, params?: unknown[]) {
            const result = await client.query(statement(sql, params));
            return { rows: result.rows as Row[] };
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        return fail(error);
      } finally {
        // A connection that could not even roll back is not handed to the next caller.
        client.release(broken || undefined);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Names each distinct SQL text once, so pg prepares it once per connection and afterwards sends
 * only Bind/Execute: the store issues a small fixed set of statements, so the cache stays small. */
function preparedStatements(): (sql: string, values?: unknown[]) => { name: string; text: string; values?: unknown[] } {
  const names = new Map<string, string>();
  return (sql, values) => {
    let name = names.get(sql);
    if (name === undefined) {
      name = `es_stmt_${names.size + 1}`;
      names.set(sql, name);
    }
    return { name, text: sql, values };
  };
}
