/** Idempotent DDL for the PostgreSQL event store. Why the log is ordered by transaction id:
 * docs/adr/0002-postgres-global-log-ordering.md. */

/** Custom SQLSTATEs raised by es_append. */
export const SQLSTATE_WRONG_EXPECTED_REVISION = 'ESWER';
/** The stream's last event was written by a younger transaction: retry in a new transaction. */
export const SQLSTATE_RETRY_XID_ORDER = 'ESXID';
export const SQLSTATE_UNIQUE_VIOLATION = '23505';
export const STREAM_POSITION_CONSTRAINT = 'es_events_stream_position_key';

const createEvents = `
CREATE TABLE IF NOT EXISTS es_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_position bigint NOT NULL,
  category text GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
  event_id uuid NOT NULL CONSTRAINT es_events_event_id_key UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  tenant_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  correlation_id text NOT NULL,
  causation_id text,
  data jsonb NOT NULL,
  CONSTRAINT ${STREAM_POSITION_CONSTRAINT} UNIQUE (stream_id, stream_position)
)`;

const createLogIndex = `CREATE INDEX IF NOT EXISTS es_events_log_order_idx ON es_events (transaction_id, global_position)`;

const createCheckpoints = `
CREATE TABLE IF NOT EXISTS es_checkpoints (
  subscription_id text PRIMARY KEY,
  commit_position bigint NOT NULL,
  prepare_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

/** One round trip per append. The xid is taken before the stream is read, so any transaction that
 * commits an event of this stream later than our read has a younger xid than the event we read;
 * refusing to append behind a younger xid keeps stream order == (xid, global_position) order. */
const createAppendFunction = `
CREATE OR REPLACE FUNCTION es_append(
  p_stream text, p_expected text, p_events jsonb,
  OUT revision bigint, OUT global_positions bigint[], OUT commit_position xid8, OUT last_global_position bigint)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_xid xid8 := pg_current_xact_id();
  v_last_xid xid8;
BEGIN
  SELECT e.stream_position, e.transaction_id, e.global_position
    INTO revision, v_last_xid, last_global_position
    FROM es_events e WHERE e.stream_id = p_stream
    ORDER BY e.stream_position DESC LIMIT 1;
  revision := coalesce(revision, -1);

  IF (p_expected = 'no_stream' AND revision <> -1)
     OR (p_expected = 'stream_exists' AND revision = -1)
     OR (p_expected NOT IN ('any', 'no_stream', 'stream_exists') AND p_expected::bigint <> revision) THEN
    RAISE EXCEPTION USING ERRCODE = '${SQLSTATE_WRONG_EXPECTED_REVISION}',
      MESSAGE = format('wrong expected revision for stream %s: expected %s, actual %s', p_stream, p_expected, revision),
      DETAIL = revision::text;
  END IF;

  IF v_last_xid > v_xid THEN
    RAISE EXCEPTION USING ERRCODE = '${SQLSTATE_RETRY_XID_ORDER}',
      MESSAGE = format('stream %s was appended by a younger transaction; retry', p_stream);
  END IF;

  IF jsonb_array_length(p_events) = 0 THEN
    commit_position := v_last_xid;
    global_positions := '{}';
    RETURN;
  END IF;

  WITH inserted AS (
    INSERT INTO es_events (transaction_id, stream_id, stream_position, event_id, type, schema_version,
                           tenant_id, occurred_at, actor_kind, actor_id, correlation_id, causation_id, data)
    SELECT v_xid, p_stream, revision + e.ord, (e.ev->>'event_id')::uuid, e.ev->>'type', (e.ev->>'schema_version')::integer,
           e.ev->>'tenant_id', (e.ev->>'occurred_at')::timestamptz, e.ev->>'actor_kind', e.ev->>'actor_id',
           e.ev->>'correlation_id', e.ev->>'causation_id', e.ev->'data'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(ev, ord)
     ORDER BY e.ord
    RETURNING global_position, stream_position)
  SELECT array_agg(i.global_position ORDER BY i.stream_position), max(i.stream_position)
    INTO global_positions, revision
    FROM inserted i;
  commit_position := v_xid;
  last_global_position := global_positions[array_upper(global_positions, 1)];
END
$fn$`;

/** Statements in order; each is safe to run again. */
export const SCHEMA_STATEMENTS: readonly string[] = [createEvents, createLogIndex, createCheckpoints, createAppendFunction];

/** Serializes concurrent ensureSchema() calls (CREATE ... IF NOT EXISTS still races on catalogs). */
export const SCHEMA_LOCK_KEY = 0x65735f7363; // "es_sc"
