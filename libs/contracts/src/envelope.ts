/**
 * The event envelope shared by every service, store and bus (see docs/architecture.md).
 * `data` is the event's own payload; everything else is metadata the platform stamps.
 */
export const ACTOR_KINDS = ['customer', 'agent', 'supervisor', 'system', 'service'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Actor {
  kind: ActorKind;
  id: string;
}

/** Where an event sits in the store's global log. For PostgreSQL `commit` is the writing
 * transaction's id and `prepare` the global position; for EventStoreDB they are its own
 * commit/prepare positions. Log order is (commit, prepare). */
export interface LogPosition {
  commit: number;
  prepare: number;
}

export interface EventEnvelope<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  streamId: string;
  /** 0-based revision of the event within its stream. */
  streamPosition: number;
  /** Unique, increasing-at-insert position in the global log. */
  globalPosition: number;
  logPosition: LogPosition;
  occurredAt: string;
  tenantId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  data: Data;
}

/** What a writer hands to the store; the store assigns positions. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId?: string;
  type: Type;
  schemaVersion: number;
  occurredAt?: string;
  tenantId: string;
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  data: Data;
}

/** Metadata every command carries: who, for which tenant, and in which causal chain. */
export interface CommandMetadata {
  tenantId: string;
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** Command time; deciders never read the clock themselves. */
  now: string;
}
