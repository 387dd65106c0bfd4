import type { RecordedEvent } from '../event-store.port';
import type { PreparedEvent } from '../new-event';

/** Columns every read selects, in the shape `rowToEvent` expects. */
export const EVENT_COLUMNS = `global_position, transaction_id::text AS commit_position, stream_id, stream_position,
  event_id, type, schema_version, tenant_id, ${ISO_UTC('occurred_at')} AS occurred_at, actor_kind, actor_id, correlation_id,
  causation_id, data`;

/** The time formatted by the server exactly as Date#toISOString would: cheaper than parsing a
 * timestamptz into a Date per row on the client, which dominated replay. */
function ISO_UTC(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export const EVENT_COLUMN_COUNT = 14;

export interface EventRow {
  global_position: string | number; // pg returns bigint as string, PGlite as number
  commit_position: string;
  stream_id: string;
  stream_position: string | number;
  event_id: string;
  type: string;
  schema_version: number;
  tenant_id: string;
  occurred_at: string;
  actor_kind: string;
  actor_id: string;
  correlation_id: string;
  causation_id: string | null;
  data: unknown;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  const globalPosition = Number(row.global_position);
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamPosition: Number(row.stream_position),
    globalPosition,
    logPosition: { commit: Number(row.commit_position), prepare: globalPosition },
    occurredAt: row.occurred_at,
    tenantId: row.tenant_id,
    actor: { kind: row.actor_kind as RecordedEvent['actor']['kind'], id: row.actor_id },
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    data: row.data,
  };
}

/** Envelopes of just-appended events, built from what was sent (data as the JSON the database
 * stored) and the positions the append statement returned, so the caller needs no read-back. */
export function appendedEvents(
  streamId: string,
  events: PreparedEvent[],
  sentData: unknown[],
  firstRevision: number,
  globalPositions: number[],
  commit: number,
): RecordedEvent[] {
  return events.map((event, i) => ({
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId,
    streamPosition: firstRevision + i,
    globalPosition: globalPositions[i],
    logPosition: { commit, prepare: globalPositions[i] },
    occurredAt: event.occurredAt,
    tenantId: event.tenantId,
    actor: { kind: event.actor.kind, id: event.actor.id },
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: sentData[i],
  }));
}
