import {
  ticketEventRegistry,
  type Actor,
  type CommandMetadata,
  type NewTicketEvent,
  type TicketEventData,
  type TicketEventType,
  type TicketStatus,
} from '@ticketing/contracts';
import type { TicketCommand } from '../commands/ticket-commands';
import { InvalidCommandError, InvalidTransitionError, PermissionDeniedError } from '../ticket-errors';
import type { TicketPolicy } from '../ticket-policy';
import type { Ticket } from '../ticket-state';

/** What a command handler gets besides the command and the ticket. */
export interface DecisionContext {
  policy: TicketPolicy;
  /** Command time in epoch ms (from metadata.now; deciders never read the clock). */
  now: number;
  /** Builds an event stamped with the command's metadata and the type's current schema version. */
  emit<T extends TicketEventType>(type: T, data: TicketEventData<T>): NewTicketEvent;
}

export function decisionContext(ticketId: string, metadata: CommandMetadata, policy: TicketPolicy): DecisionContext {
  const now = Date.parse(metadata.now);
  if (Number.isNaN(now)) throw new InvalidCommandError(ticketId, ['metadata.now must be an ISO-8601 timestamp']);
  return {
    policy,
    now,
    emit: (type, data) =>
      ({
        type,
        schemaVersion: ticketEventRegistry.get(type)!.schemaVersion,
        tenantId: metadata.tenantId,
        actor: metadata.actor,
        correlationId: metadata.correlationId,
        causationId: metadata.causationId ?? null,
        occurredAt: metadata.now,
        data,
      }) as NewTicketEvent,
  };
}

/** Statuses in which work on the ticket happens. */
export const ACTIVE: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_third_party'];
export const ACTIVE_OR_RESOLVED: readonly TicketStatus[] = [...ACTIVE, 'resolved'];
export const DONE: readonly TicketStatus[] = ['resolved', 'closed'];

export function requireStatus(ticket: Ticket, command: TicketCommand, allowed: readonly TicketStatus[], detail?: string): void {
  if (!allowed.includes(ticket.status)) throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, detail);
}

/** Overrides (force-resolve, reopen by policy, approvals) are for supervisors and automation, not agents or customers. */
export function requirePrivileged(ticket: Ticket, actor: Actor, what: string): void {
  if (actor.kind !== 'supervisor' && actor.kind !== 'system' && actor.kind !== 'service') {
    throw new PermissionDeniedError(ticket.ticketId, `${what} needs a supervisor, system or service actor, not ${actor.kind}`);
  }
}

export const msBetween = (from: string, to: number): number => to - Date.parse(from);
export const shiftIso = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
