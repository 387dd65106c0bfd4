import type { EventEnvelope } from '@ticketing/contracts';
import { v7 as uuidv7 } from 'uuid';

let globalPosition = 0;

/** A well-formed envelope for bus tests that do not need a store. */
export function testEnvelope(streamId: string, streamPosition: number, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  globalPosition++;
  return {
    eventId: uuidv7(),
    type: 'TestHappened',
    schemaVersion: 1,
    streamId,
    streamPosition,
    globalPosition,
    logPosition: { commit: globalPosition, prepare: globalPosition },
    occurredAt: new Date().toISOString(),
    tenantId: 'tenant-test',
    actor: { kind: 'system', id: 'test' },
    correlationId: uuidv7(),
    causationId: null,
    data: { n: streamPosition },
    ...overrides,
  };
}

/** Checks per-stream order over a delivery log that may contain redeliveries: the first
 * occurrences of each stream's events must be gap-free and increasing, starting at `from`
 * (undefined: wherever the stream first shows up). Returns the violations found. */
export function firstOccurrencesInOrder(
  delivered: readonly EventEnvelope[],
  from: (streamId: string) => number | undefined = () => 0,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const next = new Map<string, number>();
  for (const event of delivered) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const expected = next.get(event.streamId) ?? from(event.streamId);
    if (expected !== undefined && event.streamPosition !== expected) problems.push(`${event.streamId}: expected ${expected}, got ${event.streamPosition}`);
    next.set(event.streamId, event.streamPosition + 1);
  }
  return problems;
}
