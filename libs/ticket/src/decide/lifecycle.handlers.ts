import type { NewTicketEvent } from '@ticketing/contracts';
import type { CloseTicket, MergeTicket, ReopenTicket, ResolveTicket } from '../commands/ticket-commands';
import {
  CollaborationsOpenError,
  CompensationPendingError,
  InvalidCommandError,
  InvalidTransitionError,
  ReopenWindowExpiredError,
  TicketClosedError,
} from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, ACTIVE_OR_RESOLVED, requirePrivileged, requireStatus, type DecisionContext } from './decision-context';
import { reopenEvent, withinReopenWindow } from './intake.handlers';

/**
 * Resolving needs every compensation decided (fulfilment must not hang off a finished ticket) and
 * every collaboration answered. A supervisor (or automation) may force past open collaborations;
 * they are then abandoned and listed on the event, so the departments can be told.
 */
export function resolveTicket(command: ResolveTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const pending = ticket.compensations.filter((c) => c.status === 'pending').map((c) => c.compensationId);
  if (pending.length > 0) throw new CompensationPendingError(ticket.ticketId, pending);
  const open = ticket.openCollaborations.map((c) => c.collaborationId);
  const { force = false, ...data } = command.data;
  if (open.length > 0) {
    if (!force) throw new CollaborationsOpenError(ticket.ticketId, open);
    requirePrivileged(ticket, command.metadata.actor, 'Resolving with open collaborations');
  }
  return [
    ctx.emit('TicketResolved', {
      ticketId: ticket.ticketId,
      ...data,
      firstContactResolution: ticket.reopenCount === 0 && ticket.transferCount === 0 && ticket.agentReplyCount <= 1,
      forced: open.length > 0,
      abandonedCollaborationIds: open,
    }),
  ];
}

/** Inside the window anyone may reopen a resolved ticket; outside it, or once closed, only a policy
 * (a supervisor, system or service actor setting `byPolicy`). */
export function reopenTicket(command: ReopenTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { reason, byPolicy = false, note = null } = command.data;
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'only resolved or closed tickets reopen');
  }
  if (byPolicy) {
    requirePrivileged(ticket, command.metadata.actor, 'Reopening by policy');
  } else if (ticket.status === 'closed') {
    throw new TicketClosedError(ticket.ticketId, command.type);
  } else if (!withinReopenWindow(ticket, ctx)) {
    throw new ReopenWindowExpiredError(ticket.ticketId, ticket.resolvedAt ?? '');
  }
  return [reopenEvent(ticket, ctx, reason, byPolicy, note)];
}

/** Normally a ticket closes after resolution; only spam and duplicates may skip resolving. */
export function closeTicket(command: CloseTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { reason } = command.data;
  if (ticket.status !== 'resolved') {
    requireStatus(ticket, command, ACTIVE);
    if (reason !== 'spam' && reason !== 'duplicate') {
      throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'resolve first (only spam or duplicates close unresolved)');
    }
  }
  return [ctx.emit('TicketClosed', { ticketId: ticket.ticketId, reason, previousStatus: ticket.status })];
}

export function mergeTicket(command: MergeTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { sourceTicketId, targetTicketId, reason } = command.data;
  if (sourceTicketId === targetTicketId) throw new InvalidCommandError(ticket.ticketId, ['a ticket cannot be merged into itself']);
  if (ticket.ticketId !== sourceTicketId && ticket.ticketId !== targetTicketId) {
    throw new InvalidCommandError(ticket.ticketId, ['the command must target the source or the target ticket']);
  }
  requireStatus(ticket, command, ACTIVE_OR_RESOLVED);
  // Target side is retried by the merge process after a crash: recording it twice changes nothing.
  if (ticket.mergedFrom.includes(sourceTicketId)) return [];
  return [ctx.emit('TicketMerged', { ticketId: ticket.ticketId, sourceTicketId, targetTicketId, reason })];
}
