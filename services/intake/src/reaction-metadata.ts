import type { CommandMetadata, EventEnvelope } from '@ticketing/contracts';

/** Metadata of a command intake issues in reaction to `event`: the intake service acts, in the
 * event's tenant and correlation, caused by the event, at `now`. */
export function intakeReaction(event: EventEnvelope, now: string = new Date().toISOString()): CommandMetadata {
  return { tenantId: event.tenantId, actor: { kind: 'service', id: 'intake' }, correlationId: event.correlationId, causationId: event.eventId, now };
}
