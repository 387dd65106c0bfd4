import { ACTOR_KINDS, type NewEvent } from '../envelope';
import { isIsoInstant } from '../schema/schema';
import type { EventDefinition } from './event-definition';

/** A stored event claims a schema version this code does not know yet: it was written by a newer
 * release. Readers must not guess; the event goes to the dead-letter path until they are upgraded. */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(`${type} schema version ${schemaVersion} is not supported (this build knows 1..${currentVersion})`);
    this.name = 'UnsupportedSchemaVersionError';
  }
}

export interface Upcasted {
  schemaVersion: number;
  data: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;

/** The set of event definitions a reader or writer knows, keyed by type. */
export class EventRegistry {
  private readonly byType: ReadonlyMap<string, EventDefinition>;

  constructor(readonly definitions: readonly EventDefinition[]) {
    const byType = new Map<string, EventDefinition>();
    for (const definition of definitions) {
      if (byType.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
      byType.set(definition.type, definition);
    }
    this.byType = byType;
  }

  /** A registry that also knows `more` (e.g. another stream category's events). */
  with(...more: EventDefinition[]): EventRegistry {
    return new EventRegistry([...this.definitions, ...more]);
  }

  get(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /**
   * Chains the per-version upcasters from `schemaVersion` up to the current version. Types this
   * registry does not know pass through untouched: a reader of one category must not choke on another's.
   */
  upcast(type: string, schemaVersion: number, data: unknown): Upcasted {
    const definition = this.byType.get(type);
    if (!definition) return { schemaVersion, data };
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion) {
      throw new UnsupportedSchemaVersionError(type, schemaVersion, definition.schemaVersion);
    }
    let current = data;
    for (const upcaster of definition.upcasters) {
      if (upcaster.fromVersion >= schemaVersion) current = upcaster.upcast(current as Record<string, unknown>);
    }
    return { schemaVersion: definition.schemaVersion, data: current };
  }

  /** The same event at the current schema version; the very same object when nothing had to change. */
  upcastEvent<E extends { type: string; schemaVersion: number; data: unknown }>(event: E): E {
    const definition = this.byType.get(event.type);
    if (!definition || event.schemaVersion === definition.schemaVersion) return event;
    const { schemaVersion, data } = this.upcast(event.type, event.schemaVersion, event.data);
    return { ...event, schemaVersion, data };
  }

  /**
   * Everything wrong with an event a writer is about to append: envelope fields and payload. Writers
   * always write the current version, so an older (or unknown) version is a problem, not an upcast.
   */
  validateEvent(event: NewEvent): string[] {
    const problems: string[] = [];
    if (typeof event !== 'object' || event === null) return ['event must be an object'];
    if (event.eventId !== undefined && !(typeof event.eventId === 'string' && UUID.test(event.eventId))) {
      problems.push('eventId must be a UUID when given');
    }
    if (!nonEmpty(event.tenantId)) problems.push('tenantId must be a non-empty string');
    const actor = event.actor as unknown;
    if (typeof actor !== 'object' || actor === null) {
      problems.push('actor must be an object');
    } else {
      const { kind, id } = actor as Record<string, unknown>;
      if (!(ACTOR_KINDS as readonly unknown[]).includes(kind)) problems.push(`actor.kind must be one of ${ACTOR_KINDS.join(', ')}`);
      if (!nonEmpty(id)) problems.push('actor.id must be a non-empty string');
    }
    if (!nonEmpty(event.correlationId)) problems.push('correlationId must be a non-empty string');
    if (event.causationId !== undefined && event.causationId !== null && !nonEmpty(event.causationId)) {
      problems.push('causationId must be null or a non-empty string');
    }
    if (event.occurredAt !== undefined && !isIsoInstant(event.occurredAt)) {
      problems.push('occurredAt must be an ISO-8601 timestamp with offset');
    }
    const definition = this.byType.get(event.type);
    if (!definition) {
      problems.push(`type ${JSON.stringify(event.type)} is not a known event type`);
      return problems;
    }
    if (event.schemaVersion !== definition.schemaVersion) {
      problems.push(`schemaVersion must be ${definition.schemaVersion} (current for ${event.type}), got ${String(event.schemaVersion)}`);
      return problems;
    }
    return [...problems, ...definition.validate(event.data)];
  }
}
