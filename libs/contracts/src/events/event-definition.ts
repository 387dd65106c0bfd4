import { checkObject, type Schema, type SchemaFields } from '../schema/schema';

/** The services that produce and consume events (see docs/architecture.md). */
export const SERVICES = ['intake', 'routing', 'resolution', 'feedback', 'knowledge'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Turns the payload of `fromVersion` into the payload of `fromVersion + 1`. Pure, total, and kept
 * forever: stored events are never rewritten, so every old version must stay readable. */
export interface Upcaster {
  fromVersion: number;
  /** What changed, for the event catalog. */
  description: string;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export interface EventDefinition<Type extends string = string, Data = unknown> {
  readonly type: Type;
  /** The version writers write today; readers upcast anything older to it. */
  readonly schemaVersion: number;
  readonly summary: string;
  /** Stream category the event is appended to (`ticket` -> `ticket-<id>`). */
  readonly streamCategory: string;
  readonly producers: readonly ServiceName[];
  readonly consumers: readonly ServiceName[];
  readonly fields: SchemaFields;
  /** One per older version, ordered by `fromVersion` 1..schemaVersion-1. */
  readonly upcasters: readonly Upcaster[];
  /** Field-level problems with a payload of the current version, e.g. "data.agentId must be a non-empty string". */
  validate(data: unknown): string[];
  /** Narrowing helper for consumers holding an `EventEnvelope` of unknown type. */
  is<E extends { type: string }>(event: E): event is E & { type: Type; data: Data };
}

export interface EventDefinitionSpec<Type extends string, Data> {
  type: Type;
  schemaVersion?: number;
  summary: string;
  streamCategory: string;
  producers: ServiceName[];
  consumers: ServiceName[];
  schema: Schema<Data>;
  /** Cross-field rules, run only once every field is individually valid. */
  rules?: (data: Data) => string[];
  upcasters?: Upcaster[];
}

export function defineEvent<Type extends string, Data>(spec: EventDefinitionSpec<Type, Data>): EventDefinition<Type, Data> {
  const schemaVersion = spec.schemaVersion ?? 1;
  const upcasters = [...(spec.upcasters ?? [])].sort((a, b) => a.fromVersion - b.fromVersion);
  // Fail at module load, not on the first old event in production, if the chain has a gap.
  const expected = Array.from({ length: schemaVersion - 1 }, (_, i) => i + 1);
  if (upcasters.map((u) => u.fromVersion).join() !== expected.join()) {
    throw new Error(`${spec.type} v${schemaVersion} needs upcasters from versions [${expected.join(', ')}]`);
  }
  const fields = spec.schema as SchemaFields;
  return {
    type: spec.type,
    schemaVersion,
    summary: spec.summary,
    streamCategory: spec.streamCategory,
    producers: spec.producers,
    consumers: spec.consumers,
    fields,
    upcasters,
    validate(data) {
      const problems = checkObject(fields, data, 'data');
      return problems.length > 0 || !spec.rules ? problems : spec.rules(data as Data);
    },
    is: <E extends { type: string }>(event: E): event is E & { type: Type; data: Data } => event.type === spec.type,
  };
}
