import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: a TypeORM EntityManager or DataSource. */
type Sql = Pick<EntityManager, 'query'>;

export interface TimerSpec<K extends string = string> {
  kind: K;
  tenantId: string;
  subject: string;
  target?: string | null;
  dueAt: number;
}

export interface ClaimedTimer<K extends string = string> {
  timerId: string;
  tenantId: string;
  kind: K;
  subject: string;
  target: string | null;
  dueAt: Date;
  version: number;
  attempts: number;
}

export const durableTimerId = (kind: string, subject: string, target?: string | null): string =>
  target ? `${kind}:${subject}:${target}` : `${kind}:${subject}`;

/**
 * Durable timers in one table (see DurableTimerRow): written in the same transaction as whatever
 * caused them, claimed when due with FOR UPDATE SKIP LOCKED under a lease, and deleted only after
 * their work is done, so a crash leaves the lease to expire and another instance fires the timer
 * again. Handlers must therefore be idempotent (deciders that refuse or ignore a repeat).
 */
export class DurableTimers<K extends string = string> {
  private readonly table: string;

  constructor(schema: string, name = 'timers') {
    this.table = `"${schema}"."${name}"`;
  }

  /** Creates or moves a timer (same kind, subject and target = same timer); clears any claim on it. */
  async schedule(sql: Sql, spec: TimerSpec<K>): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.table} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0)
       ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", version = ${this.table}.version + 1, attempts = 0,
         "claimedBy" = NULL, "claimedUntil" = NULL`,
      [durableTimerId(spec.kind, spec.subject, spec.target), spec.tenantId, spec.kind, spec.subject, spec.target ?? null, new Date(spec.dueAt)],
    );
  }

  /** Creates a timer unless it exists (a redelivered cause must not postpone or re-arm it). */
  async scheduleOnce(sql: Sql, spec: TimerSpec<K>): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.table} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0) ON CONFLICT ("timerId") DO NOTHING`,
      [durableTimerId(spec.kind, spec.subject, spec.target), spec.tenantId, spec.kind, spec.subject, spec.target ?? null, new Date(spec.dueAt)],
    );
  }

  /** Many timers in one statement (bulk loads, rebuilds); same replace-on-conflict rule as schedule. */
  async scheduleMany(sql: Sql, specs: TimerSpec<K>[]): Promise<void> {
    if (specs.length === 0) return;
    await sql.query(
      `INSERT INTO ${this.table} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
       SELECT id, tenant, kind, subject, target, due, 0, 0
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS s(id, tenant, kind, subject, target, due)
       ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", version = ${this.table}.version + 1, attempts = 0,
         "claimedBy" = NULL, "claimedUntil" = NULL`,
      [
        specs.map((t) => durableTimerId(t.kind, t.subject, t.target)),
        specs.map((t) => t.tenantId),
        specs.map((t) => t.kind),
        specs.map((t) => t.subject),
        specs.map((t) => t.target ?? null),
        specs.map((t) => new Date(t.dueAt).toISOString()),
      ],
    );
  }

  /**
   * Like schedule, but never postpones an earlier pending firing (for "run soon" work such as a
   * dispatch round). The version still moves, so a firing in flight does not delete the request.
   */
  async scheduleNoLaterThan(sql: Sql, spec: TimerSpec<K>): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.table} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0)
       ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = LEAST(${this.table}."dueAt", EXCLUDED."dueAt"), version = ${this.table}.version + 1`,
      [durableTimerId(spec.kind, spec.subject, spec.target), spec.tenantId, spec.kind, spec.subject, spec.target ?? null, new Date(spec.dueAt)],
    );
  }

  async cancel(sql: Sql, kind: K, subject: string, target?: string | null): Promise<void> {
    await sql.query(`DELETE FROM ${this.table} WHERE "timerId" = $1`, [durableTimerId(kind, subject, target)]);
  }

  /** Every timer about one subject, of any kind and target (a ticket that ended needs none). */
  async cancelAllFor(sql: Sql, subject: string): Promise<void> {
    await sql.query(`DELETE FROM ${this.table} WHERE subject = $1`, [subject]);
  }

  /** Every timer of the given kinds, of all tenants (a rebuild that re-derives them from the log). */
  async cancelKinds(sql: Sql, kinds: readonly K[]): Promise<void> {
    await sql.query(`DELETE FROM ${this.table} WHERE kind = ANY($1::text[])`, [[...kinds]]);
  }

  /** The pending timers of a tenant (for listings and tests), earliest first. */
  async pending(sql: Sql, tenantId: string, kind?: K): Promise<ClaimedTimer<K>[]> {
    const rows = (await sql.query(
      `SELECT "timerId", "tenantId", kind, subject, target, "dueAt", version, attempts FROM ${this.table}
        WHERE "tenantId" = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY "dueAt", "timerId"`,
      [tenantId, kind ?? null],
    )) as ClaimedTimer<K>[];
    return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
  }

  /**
   * Claims up to `limit` due timers for `owner` until `leaseUntil`. SKIP LOCKED lets several
   * schedulers claim side by side without waiting on or taking each other's rows; an expired lease
   * (its owner died) makes a timer claimable again.
   */
  async claimDue(sql: Sql, owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedTimer<K>[]> {
    const rows: unknown[] = await sql.query(
      `UPDATE ${this.table} SET "claimedBy" = $1, "claimedUntil" = $2, attempts = attempts + 1
       WHERE "timerId" IN (
         SELECT "timerId" FROM ${this.table}
         WHERE "dueAt" <= $3 AND ("claimedUntil" IS NULL OR "claimedUntil" < $3)
         ORDER BY "dueAt" LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING "timerId", "tenantId", kind, subject, target, "dueAt", version, attempts`,
      [owner, leaseUntil, now, limit],
    );
    // pg returns [rows, count] for UPDATE … RETURNING through TypeORM; PGlite returns rows.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as ClaimedTimer<K>[];
    return list.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
  }

  /** Done: delete them, except any rescheduled meanwhile (whose new schedule stands, unclaimed). */
  async complete(sql: Sql, timers: ClaimedTimer<K>[], owner: string): Promise<void> {
    if (timers.length === 0) return;
    const ids = timers.map((t) => t.timerId);
    await sql.query(
      `DELETE FROM ${this.table} t USING unnest($1::text[], $2::int[]) AS done(id, version)
       WHERE t."timerId" = done.id AND t.version = done.version AND t."claimedBy" = $3`,
      [ids, timers.map((t) => t.version), owner],
    );
    await sql.query(`UPDATE ${this.table} SET "claimedBy" = NULL, "claimedUntil" = NULL WHERE "timerId" = ANY($1::text[]) AND "claimedBy" = $2`, [ids, owner]);
  }

  /** Try again at `at` (a failure, or a deadline that moved), unless rescheduled meanwhile. */
  async retryAt(sql: Sql, timer: ClaimedTimer<K>, owner: string, at: Date): Promise<void> {
    await sql.query(
      `UPDATE ${this.table} SET "dueAt" = $4, "claimedBy" = NULL, "claimedUntil" = NULL WHERE "timerId" = $1 AND version = $2 AND "claimedBy" = $3`,
      [timer.timerId, timer.version, owner, at],
    );
  }
}
