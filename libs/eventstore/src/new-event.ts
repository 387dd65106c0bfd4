import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '@ticketing/contracts';

/** A NewEvent with the defaults every store stamps the same way: a UUIDv7 id, the time as an ISO
 * string in UTC (millisecond precision, which is what every store round-trips), no causation. */
export interface PreparedEvent extends NewEvent {
  eventId: string;
  occurredAt: string;
  causationId: string | null;
}

export function prepareNewEvent(event: NewEvent, now: () => Date = () => new Date()): PreparedEvent {
  // Field by field rather than a spread: this runs on every append.
  return {
    type: event.type,
    schemaVersion: event.schemaVersion,
    tenantId: event.tenantId,
    actor: event.actor,
    correlationId: event.correlationId,
    data: event.data,
    eventId: event.eventId ?? uuidv7(),
    occurredAt: (event.occurredAt === undefined ? now() : new Date(event.occurredAt)).toISOString(),
    causationId: event.causationId ?? null,
  };
}
