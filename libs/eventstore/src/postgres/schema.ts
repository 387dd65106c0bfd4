/** Idempotent DDL for the PostgreSQL event store. Why the log is ordered by transaction id:
 * docs/adr/0002-postgres-global-log-ordering.md. */

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

/** Appends were once a plpgsql function; they are one plain statement now (append-statement.ts). */
const dropOldAppendFunction = `DROP FUNCTION IF EXISTS es_append(text, text, jsonb)`;

/** Statements in order; each is safe to run again. */
export const SCHEMA_STATEMENTS: readonly string[] = [createEvents, createLogIndex, createCheckpoints, dropOldAppendFunction];

/** Serializes concurrent ensureSchema() calls (CREATE ... IF NOT EXISTS still races on catalogs). */
export const SCHEMA_LOCK_KEY = 0x65735f7363; // "es_sc"
