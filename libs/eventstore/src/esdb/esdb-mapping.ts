import {
  ANY,
  type AppendExpectedRevision,
  type EventData,
  jsonEvent,
  type JSONType,
  NO_STREAM,
  type Position,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import type { Actor, LogPosition } from '@ticketing/contracts';
import type { ExpectedRevision, RecordedEvent } from '../event-store.port';
import type { PreparedEvent } from '../new-event';

/** Envelope metadata kept in ESDB's event metadata; `$correlationId`/`$causationId` are ESDB's own
 * names so its projections and UI understand them too. */
interface EnvelopeMetadata {
  schemaVersion: number;
  tenantId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  $correlationId: string;
  $causationId?: string;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

export function toEventData(event: PreparedEvent): EventData {
  const metadata: EnvelopeMetadata = {
    schemaVersion: event.schemaVersion,
    tenantId: event.tenantId,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    occurredAt: event.occurredAt,
    $correlationId: event.correlationId,
    ...(event.causationId === null ? {} : { $causationId: event.causationId }),
  };
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: metadata as unknown as JSONType });
}

export function toLogPosition(position: Position): LogPosition {
  return { commit: Number(position.commit), prepare: Number(position.prepare) };
}

export function toEsdbPosition(position: LogPosition): Position {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

/** The subset of an ESDB recorded event the mapping reads. */
export interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

export function fromEsdbEvent(event: EsdbRecorded): RecordedEvent {
  const meta = (event.metadata ?? {}) as Partial<EnvelopeMetadata>;
  const logPosition = event.position ? toLogPosition(event.position) : { commit: -1, prepare: -1 };
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: meta.schemaVersion ?? 1,
    streamId: event.streamId,
    streamPosition: Number(event.revision),
    globalPosition: logPosition.commit,
    logPosition,
    occurredAt: meta.occurredAt ?? event.created.toISOString(),
    tenantId: meta.tenantId ?? '',
    actor: meta.actor ?? { kind: 'system', id: 'unknown' },
    correlationId: meta.correlationId ?? '',
    causationId: meta.causationId ?? null,
    data: event.data,
  };
}

/** System streams and events ($-prefixed, including our checkpoint streams) are not part of the
 * platform's log. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}
