import { PRIORITIES, type NewTicketEvent, type Priority } from '@ticketing/contracts';
import type { AssignTicket, EscalateTicket, QueueTicket, TransferTicket, UnassignTicket } from '../commands/ticket-commands';
import {
  AlreadyAssignedError,
  EscalationLimitReachedError,
  InvalidCommandError,
  InvalidTransitionError,
  NotAssignedError,
} from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, requireStatus, type DecisionContext } from './decision-context';

export const MAX_ESCALATION_LEVEL = 3;

export function queueTicket(command: QueueTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.assigneeId !== null) {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'assigned tickets are transferred, not queued');
  }
  return [ctx.emit('TicketQueued', { ticketId: ticket.ticketId, ...command.data })];
}

/** Two routers racing for the same ticket: the second sees `already_assigned` after the reload. */
export function assignTicket(command: AssignTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.assigneeId === command.data.agentId) return [];
  if (ticket.assigneeId !== null) throw new AlreadyAssignedError(ticket.ticketId, ticket.assigneeId);
  return [ctx.emit('TicketAssigned', { ticketId: ticket.ticketId, ...command.data })];
}

export function unassignTicket(command: UnassignTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.assigneeId === null) throw new NotAssignedError(ticket.ticketId);
  return [ctx.emit('TicketUnassigned', { ticketId: ticket.ticketId, agentId: ticket.assigneeId, ...command.data })];
}

export function transferTicket(command: TransferTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { toGroupId, toAgentId, reason } = command.data;
  if (toGroupId === ticket.groupId && toAgentId === ticket.assigneeId) return [];
  return [
    ctx.emit('TicketTransferred', {
      ticketId: ticket.ticketId,
      fromGroupId: ticket.groupId,
      fromAgentId: ticket.assigneeId,
      toGroupId,
      toAgentId,
      reason,
    }),
  ];
}

const rank = (p: Priority): number => PRIORITIES.length - PRIORITIES.indexOf(p); // urgent highest

/** One step up from the current priority (unclassified tickets escalate to high). */
export function raisedPriority(current: Priority | null): Priority {
  if (current === null) return 'high';
  return PRIORITIES[Math.max(0, PRIORITIES.indexOf(current) - 1)];
}

export function escalateTicket(command: EscalateTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.escalationLevel >= MAX_ESCALATION_LEVEL) throw new EscalationLimitReachedError(ticket.ticketId);
  const { reason, toGroupId, note } = command.data;
  const priority = command.data.priority ?? raisedPriority(ticket.priority);
  if (ticket.priority !== null && rank(priority) < rank(ticket.priority)) {
    throw new InvalidCommandError(ticket.ticketId, [`escalation cannot lower priority from ${ticket.priority} to ${priority}`]);
  }
  return [
    ctx.emit('TicketEscalated', {
      ticketId: ticket.ticketId,
      level: ticket.escalationLevel + 1,
      reason,
      previousPriority: ticket.priority,
      priority,
      toGroupId,
      note,
    }),
  ];
}
