import {
  sampleTicketEventData,
  ticketEventRegistry,
  type Actor,
  type CommandMetadata,
  type NewTicketEvent,
  type TicketEventData,
  type TicketEventType,
} from '@ticketing/contracts';
import type { TicketCommand, TicketCommandType } from '../commands/ticket-commands';

/* Builders for decider tests: commands and the events they should produce share the same defaults
 * (tenant, actor, time), so a test only states what matters to it. */

export const T0 = '2025-01-01T09:00:00.000Z';
/** `minutes` after T0, as an ISO instant. */
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const TENANT = 'tenant-a';
export const TICKET = 't-1';
export const actors: Record<'customer' | 'agent' | 'otherAgent' | 'supervisor' | 'system' | 'service', Actor> = {
  customer: { kind: 'customer', id: 'c-1' },
  agent: { kind: 'agent', id: 'agent-1' },
  otherAgent: { kind: 'agent', id: 'agent-2' },
  supervisor: { kind: 'supervisor', id: 'sup-1' },
  system: { kind: 'system', id: 'sla-timer' },
  service: { kind: 'service', id: 'feedback' },
};

export interface Stamp {
  at?: string;
  actor?: Actor;
  tenantId?: string;
  ticketId?: string;
}

export function metadata(stamp: Stamp = {}): CommandMetadata {
  return {
    tenantId: stamp.tenantId ?? TENANT,
    actor: stamp.actor ?? actors.agent,
    correlationId: 'corr-1',
    causationId: null,
    now: stamp.at ?? T0,
  };
}

export type CommandOf<T extends TicketCommandType> = Extract<TicketCommand, { type: T }>;

export function command<T extends TicketCommandType>(type: T, data: CommandOf<T>['data'], stamp: Stamp = {}): CommandOf<T> {
  return { type, ticketId: stamp.ticketId ?? TICKET, data, metadata: metadata(stamp) } as CommandOf<T>;
}

/** An event as the decider would emit it: the contract's sample payload, overridden by `data`. */
export function event<T extends TicketEventType>(type: T, data: Partial<TicketEventData<T>> = {}, stamp: Stamp = {}): NewTicketEvent {
  const meta = metadata(stamp);
  return {
    type,
    schemaVersion: ticketEventRegistry.get(type)!.schemaVersion,
    tenantId: meta.tenantId,
    actor: meta.actor,
    correlationId: meta.correlationId,
    causationId: null,
    occurredAt: meta.now,
    data: { ...(sampleTicketEventData[type] as object), ticketId: stamp.ticketId ?? TICKET, ...data },
  } as unknown as NewTicketEvent;
}
