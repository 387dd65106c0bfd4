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
  return {
    ...event,
    eventId: event.eventId ?? uuidv7(),
    occurredAt: (event.occurredAt === undefined ? now() : new Date(event.occurredAt)).toISOString(),
    causationId: event.causationId ?? null,
  };
}
