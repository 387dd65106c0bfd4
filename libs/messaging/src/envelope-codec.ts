import type { EventEnvelope } from '@ticketing/contracts';

/** Header names every transport stamps on an event, so consumers can route, filter and trace
 * without parsing the value. */
export const EventHeader = {
  eventId: 'eventId',
  type: 'type',
  tenantId: 'tenantId',
  correlationId: 'correlationId',
  causationId: 'causationId',
  schemaVersion: 'schemaVersion',
  traceparent: 'traceparent',
} as const;

/** Where a bus finds an event's W3C trace context. The envelope has no trace field yet, so the
 * default reads an optional `traceparent` property; a tracer can supply its own lookup. */
export type TraceparentOf = (event: EventEnvelope) => string | undefined;

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export const defaultTraceparentOf: TraceparentOf = (event) => {
  const candidate = (event as EventEnvelope & { traceparent?: unknown }).traceparent;
  return typeof candidate === 'string' ? candidate : undefined;
};

export function encodeHeaders(event: EventEnvelope, traceparentOf: TraceparentOf = defaultTraceparentOf): Record<string, string> {
  const headers: Record<string, string> = {
    [EventHeader.eventId]: event.eventId,
    [EventHeader.type]: event.type,
    [EventHeader.tenantId]: event.tenantId,
    [EventHeader.correlationId]: event.correlationId,
    [EventHeader.schemaVersion]: String(event.schemaVersion),
  };
  if (event.causationId) headers[EventHeader.causationId] = event.causationId;
  const traceparent = traceparentOf(event);
  // A malformed traceparent would break every downstream tracer; drop it instead.
  if (traceparent && TRACEPARENT.test(traceparent)) headers[EventHeader.traceparent] = traceparent;
  return headers;
}

export function encodeValue(event: EventEnvelope): string {
  return JSON.stringify(event);
}

export class UndecodableEventError extends Error {
  constructor(reason: string) {
    super(`Undecodable event: ${reason}`);
    this.name = 'UndecodableEventError';
  }
}

/** Parses a message value back into an envelope; throws UndecodableEventError for anything that
 * is not one, so the bus can dead-letter it at once instead of retrying a hopeless message. */
export function decodeValue(value: string | Buffer | null | undefined): EventEnvelope {
  if (value === null || value === undefined) throw new UndecodableEventError('empty value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new UndecodableEventError((error as Error).message);
  }
  const candidate = parsed as Partial<EventEnvelope> | null;
  if (!candidate || typeof candidate.eventId !== 'string' || typeof candidate.streamId !== 'string' || typeof candidate.type !== 'string') {
    throw new UndecodableEventError('missing eventId, streamId or type');
  }
  return candidate as EventEnvelope;
}
