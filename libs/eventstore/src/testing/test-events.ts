import type { NewEvent } from '@ticketing/contracts';
import { randomBytes } from 'node:crypto';

/** A valid NewEvent with recognisable metadata; override what the test cares about. */
export function testEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'TestHappened',
    schemaVersion: 1,
    tenantId: 'tenant-1',
    actor: { kind: 'agent', id: 'agent-7' },
    correlationId: 'corr-1',
    causationId: null,
    data: {},
    ...overrides,
  };
}

/** A category nobody else uses, so tests sharing a store see only their own streams. */
export function uniqueCategory(prefix = 't'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}
