import type { CommandMetadata, EventEnvelope } from '@ticketing/contracts';

/** Metadata of a command feedback issues in reaction to `event`: the feedback service acts, in the
 * event's tenant and correlation, caused by the event, at `now` (by default the event's own time). */
export function reactionMetadata(event: EventEnvelope, now: string = event.occurredAt): CommandMetadata {
  return { tenantId: event.tenantId, actor: { kind: 'service', id: 'feedback' }, correlationId: event.correlationId, causationId: event.eventId, now };
}
