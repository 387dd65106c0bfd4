import type { CommandMetadata, NewEvent } from '../envelope';
import type { EventDefinition } from './event-definition';

/**
 * A new event of `definition`'s current version, stamped with the command's tenant, actor,
 * correlation, causation and time: what every decider returns, built one way (the typed `data`
 * is checked against the definition at compile time).
 */
export function stampEvent<Type extends string, Data>(definition: EventDefinition<Type, Data>, metadata: CommandMetadata, data: Data): NewEvent<Type, Data> {
  return {
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    tenantId: metadata.tenantId,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    occurredAt: metadata.now,
    data,
  };
}
