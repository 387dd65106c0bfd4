import type { EntityManager } from 'typeorm';
import type { RoutingTimer, TimerKind } from './routing-timer.entity';

const TABLE = '"routing"."timers"';

export interface TimerSpec {
  kind: TimerKind;
  tenantId: string;
  subject: string;
  target?: string | null;
  dueAt: number;
}

export const timerId = (kind: TimerKind, subject: string, target?: string | null): string => (target ? `${kind}:${subject}:${target}` : `${kind}:${subject}`);

/** Creates or moves a timer (same kind, subject and target = same timer); clears any claim on it. */
export async function schedule(manager: EntityManager, spec: TimerSpec): Promise<void> {
  await manager.query(
    `INSERT INTO ${TABLE} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0)
     ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", version = ${TABLE}.version + 1, attempts = 0,
       "claimedBy" = NULL, "claimedUntil" = NULL`,
    [timerId(spec.kind, spec.subject, spec.target), spec.tenantId, spec.kind, spec.subject, spec.target ?? null, new Date(spec.dueAt)],
  );
}

/** Many timers in one statement (bulk loads, rebuilds); same replace-on-conflict rule as schedule. */
export async function scheduleMany(manager: EntityManager, specs: TimerSpec[]): Promise<void> {
  if (specs.length === 0) return;
  await manager.query(
    `INSERT INTO ${TABLE} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
     SELECT id, tenant, kind, subject, target, due, 0, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS s(id, tenant, kind, subject, target, due)
     ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", version = ${TABLE}.version + 1, attempts = 0, "claimedBy" = NULL, "claimedUntil" = NULL`,
    [
      specs.map((t) => timerId(t.kind, t.subject, t.target)),
      specs.map((t) => t.tenantId),
      specs.map((t) => t.kind),
      specs.map((t) => t.subject),
      specs.map((t) => t.target ?? null),
      specs.map((t) => new Date(t.dueAt).toISOString()),
    ],
  );
}

/** Like schedule, but never postpones an earlier pending firing (for "run soon" work like dispatch). */
export async function scheduleNoLaterThan(manager: EntityManager, spec: TimerSpec): Promise<void> {
  await manager.query(
    `INSERT INTO ${TABLE} ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0)
     ON CONFLICT ("timerId") DO UPDATE SET "dueAt" = LEAST(${TABLE}."dueAt", EXCLUDED."dueAt"), version = ${TABLE}.version + 1`,
    [timerId(spec.kind, spec.subject, spec.target), spec.tenantId, spec.kind, spec.subject, spec.target ?? null, new Date(spec.dueAt)],
  );
}

export async function cancel(manager: EntityManager, kind: TimerKind, subject: string, target?: string | null): Promise<void> {
  await manager.query(`DELETE FROM ${TABLE} WHERE "timerId" = $1`, [timerId(kind, subject, target)]);
}

/** Every timer about one subject (a ticket that ended needs none). */
export async function cancelAllFor(manager: EntityManager, subject: string): Promise<void> {
  await manager.query(`DELETE FROM ${TABLE} WHERE subject = $1`, [subject]);
}

export interface ClaimedTimer {
  timerId: string;
  tenantId: string;
  kind: TimerKind;
  subject: string;
  target: string | null;
  dueAt: Date;
  version: number;
  attempts: number;
}

/**
 * Claims up to `limit` due timers for `owner` until `leaseUntil`. SKIP LOCKED lets several
 * schedulers claim side by side without waiting on or taking each other's rows; an expired lease
 * (its owner died) makes a timer claimable again.
 */
export async function claimDue(manager: EntityManager, owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedTimer[]> {
  const rows: ClaimedTimer[] = await manager.query(
    `UPDATE ${TABLE} SET "claimedBy" = $1, "claimedUntil" = $2, attempts = attempts + 1
     WHERE "timerId" IN (
       SELECT "timerId" FROM ${TABLE}
       WHERE "dueAt" <= $3 AND ("claimedUntil" IS NULL OR "claimedUntil" < $3)
       ORDER BY "dueAt" LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING "timerId", "tenantId", kind, subject, target, "dueAt", version, attempts`,
    [owner, leaseUntil, now, limit],
  );
  // pg returns [rows, count] for UPDATE … RETURNING through TypeORM; PGlite returns rows.
  const list = (Array.isArray(rows[0]) ? rows[0] : rows) as ClaimedTimer[];
  return list.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
}

/** Done: delete them, except any rescheduled meanwhile (whose new schedule stands, unclaimed). */
export async function complete(manager: EntityManager, timers: ClaimedTimer[], owner: string): Promise<void> {
  if (timers.length === 0) return;
  const ids = timers.map((t) => t.timerId);
  const versions = timers.map((t) => t.version);
  await manager.query(
    `DELETE FROM ${TABLE} t USING unnest($1::text[], $2::int[]) AS done(id, version)
     WHERE t."timerId" = done.id AND t.version = done.version AND t."claimedBy" = $3`,
    [ids, versions, owner],
  );
  await manager.query(`UPDATE ${TABLE} SET "claimedBy" = NULL, "claimedUntil" = NULL WHERE "timerId" = ANY($1::text[]) AND "claimedBy" = $2`, [ids, owner]);
}

/** Try again at `at` (a failure, or a deadline that moved), unless rescheduled meanwhile. */
export async function retryAt(manager: EntityManager, timer: ClaimedTimer, owner: string, at: Date): Promise<void> {
  await manager.query(
    `UPDATE ${TABLE} SET "dueAt" = $4, "claimedBy" = NULL, "claimedUntil" = NULL WHERE "timerId" = $1 AND version = $2 AND "claimedBy" = $3`,
    [timer.timerId, timer.version, owner, at],
  );
}

export type { RoutingTimer };
