import type { ExpectedRevision } from '../event-store.port';
import type { PreparedEvent } from '../new-event';

/**
 * An append is one SQL statement (no stored function, no exception): read the stream's last
 * event, check the expected revision and the xid order, insert only if both hold, and report what
 * it found. Why the xid check keeps stream order == log order: docs/adr/0002.
 *
 * pg_current_xact_id() is evaluated after the statement's snapshot was taken, so every transaction
 * whose events the read can see has an older xid than ours; a `younger` last event means a writer
 * that started after us committed first, and a fresh transaction (a retry) will be younger still.
 *
 * Parameters: $1 stream, $2 expectation kind ('any' | 'no_stream' | 'stream_exists' | 'exact'),
 * $3 the exact revision (bigint, null otherwise), then the event columns.
 */
const appendStatement = (insertSource: string) => `
WITH last AS (
  SELECT stream_position, transaction_id, global_position
    FROM es_events WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1
), state AS (
  SELECT coalesce((SELECT stream_position FROM last), -1) AS revision,
         (SELECT transaction_id FROM last) AS last_xid,
         (SELECT global_position FROM last) AS last_global_position,
         pg_current_xact_id() AS xid
), checked AS (
  SELECT s.*,
         CASE $2::text WHEN 'any' THEN true
                       WHEN 'no_stream' THEN s.revision = -1
                       WHEN 'stream_exists' THEN s.revision <> -1
                       ELSE s.revision = $3::bigint END AS expected_ok,
         coalesce(s.last_xid > s.xid, false) AS behind_younger
    FROM state s
), inserted AS (
  INSERT INTO es_events (transaction_id, stream_id, stream_position, event_id, type, schema_version,
                         tenant_id, occurred_at, actor_kind, actor_id, correlation_id, causation_id, data)
  ${insertSource}
  RETURNING global_position, stream_position
)
SELECT c.revision, c.expected_ok, c.behind_younger, c.xid::text AS commit_position,
       c.last_xid::text AS last_commit_position, c.last_global_position,
       (SELECT array_agg(i.global_position ORDER BY i.stream_position) FROM inserted i) AS global_positions
  FROM checked c`;

/** One event: plain scalar parameters, the common case (cheapest to bind and plan). */
export const APPEND_ONE_SQL = appendStatement(`
  SELECT c.xid, $1, c.revision + 1, $4::uuid, $5, $6::integer, $7, $8::timestamptz, $9, $10, $11, $12, $13::jsonb
    FROM checked c WHERE c.expected_ok AND NOT c.behind_younger`);

/** Any number of events (also none): one array parameter per column. */
export const APPEND_MANY_SQL = appendStatement(`
  SELECT c.xid, $1, c.revision + e.ord, e.event_id, e.type, e.schema_version, e.tenant_id, e.occurred_at,
         e.actor_kind, e.actor_id, e.correlation_id, e.causation_id, e.data
    FROM checked c,
         unnest($4::uuid[], $5::text[], $6::integer[], $7::text[], $8::timestamptz[], $9::text[], $10::text[],
                $11::text[], $12::text[], $13::jsonb[])
           WITH ORDINALITY AS e(event_id, type, schema_version, tenant_id, occurred_at, actor_kind, actor_id,
                                correlation_id, causation_id, data, ord)
   WHERE c.expected_ok AND NOT c.behind_younger
   ORDER BY e.ord`);

/** What the statement reports (pg returns bigints as strings, PGlite as numbers). */
export interface AppendOutcomeRow {
  revision: string | number;
  expected_ok: boolean;
  behind_younger: boolean;
  commit_position: string;
  last_commit_position: string | null;
  last_global_position: string | number | null;
  global_positions: Array<string | number> | null;
}

/** The statement and its parameters for appending `events` (their data already JSON text). */
export function appendQuery(
  streamId: string,
  expected: ExpectedRevision,
  events: PreparedEvent[],
  dataJson: string[],
): { sql: string; params: unknown[] } {
  const kind = typeof expected === 'number' ? 'exact' : expected;
  const head = [streamId, kind, typeof expected === 'number' ? expected : null];
  if (events.length === 1) {
    const [e] = events;
    return {
      sql: APPEND_ONE_SQL,
      params: [...head, e.eventId, e.type, e.schemaVersion, e.tenantId, e.occurredAt, e.actor.kind, e.actor.id, e.correlationId, e.causationId, dataJson[0]],
    };
  }
  const column = <T>(pick: (e: PreparedEvent) => T) => events.map(pick);
  return {
    sql: APPEND_MANY_SQL,
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
