import type { ExpectedRevision } from '../event-store.port';
import type { PreparedEvent } from '../new-event';

/**
 * An append is one SQL statement, one round trip (no stored function, no exception): read the
 * stream's last event, check the expected revision and the xid order, insert only if both hold.
 * Why the xid check keeps stream order == log order: docs/adr/0002.
 *
 * pg_current_xact_id() is evaluated after the statement's snapshot was taken, so every transaction
 * whose events the read can see has an older xid than ours; a younger last event means a writer
 * that started after us committed first, and a fresh transaction (a retry) will be younger still.
 *
 * Parameters of both statements: $1 stream, $2 expectation kind ('any' | 'no_stream' |
 * 'stream_exists' | 'exact'), $3 the exact revision (bigint, null otherwise), then the event columns.
 */

/**
 * One event, the common case: a single INSERT ... SELECT, as close to a raw INSERT as the checks
 * allow (no CTE to materialise, three columns back). It inserts only if the expectation and the xid
 * order hold, and returns no row otherwise; the caller then reads the stream's revision to tell a
 * conflict from a retry (see expectationHolds).
 */
export const APPEND_ONE_SQL = `
INSERT INTO es_events (transaction_id, stream_id, stream_position, event_id, type, schema_version,
                       tenant_id, occurred_at, actor_kind, actor_id, correlation_id, causation_id, data)
SELECT pg_current_xact_id(), $1, coalesce(l.stream_position, -1) + 1, $4::uuid, $5, $6::integer, $7, $8::timestamptz,
       $9, $10, $11, $12, $13::jsonb
  FROM (SELECT) AS one
  LEFT JOIN LATERAL (SELECT stream_position, transaction_id FROM es_events WHERE stream_id = $1
                      ORDER BY stream_position DESC LIMIT 1) AS l ON true
 WHERE CASE $2::text WHEN 'any' THEN true
                     WHEN 'no_stream' THEN l.stream_position IS NULL
                     WHEN 'stream_exists' THEN l.stream_position IS NOT NULL
                     ELSE l.stream_position = $3::bigint END
   AND (l.transaction_id IS NULL OR l.transaction_id <= pg_current_xact_id())
RETURNING global_position, stream_position, transaction_id::text AS commit_position`;

export interface AppendOneRow {
  global_position: string | number;
  stream_position: string | number;
  commit_position: string;
}

/** Whether a stream at `revision` (-1: none) meets the expectation. */
export function expectationHolds(expected: ExpectedRevision, revision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return revision === -1;
    case 'stream_exists':
      return revision !== -1;
    default:
      return revision === expected;
  }
}

/** Any number of events (also none): one array parameter per column, the checks in a CTE whose
 * findings come back with the result. */
export const APPEND_MANY_SQL = `
WITH checked AS (
  SELECT s.*,
         CASE $2::text WHEN 'any' THEN true
                       WHEN 'no_stream' THEN s.revision = -1
                       WHEN 'stream_exists' THEN s.revision <> -1
                       ELSE s.revision = $3::bigint END AS expected_ok,
         coalesce(s.last_xid > s.xid, false) AS behind_younger
    FROM (SELECT coalesce(l.stream_position, -1) AS revision, l.transaction_id AS last_xid,
                 l.global_position AS last_global_position, pg_current_xact_id() AS xid
            FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT stream_position, transaction_id, global_position
                                 FROM es_events WHERE stream_id = $1
                                ORDER BY stream_position DESC LIMIT 1) AS l ON true) AS s
), inserted AS (
  INSERT INTO es_events (transaction_id, stream_id, stream_position, event_id, type, schema_version,
                         tenant_id, occurred_at, actor_kind, actor_id, correlation_id, causation_id, data)
    SELECT c.xid, $1, c.revision + e.ord, e.event_id, e.type, e.schema_version, e.tenant_id, e.occurred_at,
         e.actor_kind, e.actor_id, e.correlation_id, e.causation_id, e.data
    FROM checked c,
         unnest($4::uuid[], $5::text[], $6::integer[], $7::text[], $8::timestamptz[], $9::text[], $10::text[],
                $11::text[], $12::text[], $13::jsonb[])
           WITH ORDINALITY AS e(event_id, type, schema_version, tenant_id, occurred_at, actor_kind, actor_id,
                                correlation_id, causation_id, data, ord)
   WHERE c.expected_ok AND NOT c.behind_younger
   ORDER BY e.ord
  RETURNING global_position, stream_position
)
SELECT c.revision, c.expected_ok, c.behind_younger, c.xid::text AS commit_position, c.last_xid::text AS last_commit_position, c.last_global_position,
   (SELECT array_agg(i.global_position ORDER BY i.stream_position) FROM inserted i) AS global_positions
  FROM checked c`;

/** What APPEND_MANY_SQL reports (pg returns bigints as strings, PGlite as numbers): the stream's
 * revision before the append, whether the checks held, our xid, and where the events went. */
export interface AppendOutcomeRow {
  revision: string | number;
  expected_ok: boolean;
  behind_younger: boolean;
  commit_position: string;
  /** The events' positions, null when nothing was written. */
  global_positions: Array<string | number> | null;
  /** The stream's last event before the append (what an empty append reports). */
  last_commit_position: string | null;
  last_global_position: string | number | null;
}

/** The statement and its parameters for appending `events` (their data already JSON text). */
export function appendQuery(
  streamId: string,
  expected: ExpectedRevision,
  events: PreparedEvent[],
  dataJson: string[],
): { sql: string; params: unknown[]; single: boolean } {
  const kind = typeof expected === 'number' ? 'exact' : expected;
  const exact = typeof expected === 'number' ? expected : null;
  if (events.length === 1) {
    const e = events[0];
    return {
      sql: APPEND_ONE_SQL,
      single: true,
      params: [streamId, kind, exact, e.eventId, e.type, e.schemaVersion, e.tenantId, e.occurredAt, e.actor.kind, e.actor.id, e.correlationId, e.causationId, dataJson[0]],
    };
  }
  const head = [streamId, kind, exact];
  const column = <T>(pick: (e: PreparedEvent) => T) => events.map(pick);
  return {
    sql: APPEND_MANY_SQL,
    single: false,
    params: [
      ...head,
      column((e) => e.eventId),
      column((e) => e.type),
      column((e) => e.schemaVersion),
      column((e) => e.tenantId),
      column((e) => e.occurredAt),
      column((e) => e.actor.kind),
      column((e) => e.actor.id),
      column((e) => e.correlationId),
      column((e) => e.causationId),
      dataJson,
    ],
  };
}
