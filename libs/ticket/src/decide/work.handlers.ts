import type { NewTicketEvent } from '@ticketing/contracts';
import type {
  ApproveCompensation,
  CompleteCollaboration,
  ProposeCompensation,
  RejectCompensation,
  RequestCollaboration,
} from '../commands/ticket-commands';
import {
  CollaborationNotOpenError,
  CompensationNotPendingError,
  DuplicateIdError,
  PermissionDeniedError,
} from '../ticket-errors';
import { compensationRequiresApproval } from '../ticket-policy';
import type { Compensation, Ticket } from '../ticket-state';
import { ACTIVE, requireStatus, type DecisionContext } from './decision-context';

/* Collaboration with other departments and goodwill compensation: the two kinds of work an agent
 * starts and someone else finishes. */

/** Internal departments are our own responsibility, so unlike waiting on the customer this does
 * not pause any SLA clock. */
export function requestCollaboration(command: RequestCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { collaborationId } = command.data;
  if (ticket.openCollaborations.some((c) => c.collaborationId === collaborationId)) {
    throw new DuplicateIdError(ticket.ticketId, 'Collaboration', collaborationId);
  }
  return [ctx.emit('CollaborationRequested', { ticketId: ticket.ticketId, ...command.data })];
}

export function completeCollaboration(command: CompleteCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = ticket.openCollaborations.find((c) => c.collaborationId === command.data.collaborationId);
  if (!open) throw new CollaborationNotOpenError(ticket.ticketId, command.data.collaborationId);
  return [ctx.emit('CollaborationCompleted', { ticketId: ticket.ticketId, ...command.data, department: open.department })];
}

/** Within policy limits the proposal is approved in the same decision, so fulfilment only ever
 * has to react to CompensationApproved. */
export function proposeCompensation(command: ProposeCompensation, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { compensationId, kind, amount, currency } = command.data;
  if (ticket.compensations.some((c) => c.compensationId === compensationId)) {
    throw new DuplicateIdError(ticket.ticketId, 'Compensation', compensationId);
  }
  const requiresApproval = compensationRequiresApproval(ctx.policy, command.data);
  const proposed = ctx.emit('CompensationProposed', { ticketId: ticket.ticketId, ...command.data, requiresApproval });
  if (requiresApproval) return [proposed];
  return [
    proposed,
    ctx.emit('CompensationApproved', {
      ticketId: ticket.ticketId,
      compensationId,
      kind,
      amount,
      currency,
      approverId: 'policy',
      autoApproved: true,
    }),
  ];
}

function pendingCompensation(ticket: Ticket, compensationId: string): Compensation {
  const compensation = ticket.compensations.find((c) => c.compensationId === compensationId);
  if (!compensation || compensation.status !== 'pending') throw new CompensationNotPendingError(ticket.ticketId, compensationId);
  return compensation;
}

/** Four eyes: a supervisor decides, and never on their own proposal. */
function requireApprover(ticket: Ticket, compensation: Compensation, command: ApproveCompensation | RejectCompensation): void {
  const { kind } = command.metadata.actor;
  if (kind !== 'supervisor') {
    throw new PermissionDeniedError(ticket.ticketId, `compensations are approved by supervisors, not ${kind}`);
  }
  if (command.data.approverId === compensation.proposedBy) {
    throw new PermissionDeniedError(ticket.ticketId, 'the proposer cannot approve or reject their own compensation');
  }
}

export function approveCompensation(command: ApproveCompensation, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const compensation = pendingCompensation(ticket, command.data.compensationId);
  requireApprover(ticket, compensation, command);
  const { compensationId, kind, amount, currency } = compensation;
  return [
    ctx.emit('CompensationApproved', {
      ticketId: ticket.ticketId,
      compensationId,
      kind,
      amount,
      currency,
      approverId: command.data.approverId,
      autoApproved: false,
    }),
  ];
}

export function rejectCompensation(command: RejectCompensation, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const compensation = pendingCompensation(ticket, command.data.compensationId);
  requireApprover(ticket, compensation, command);
  return [ctx.emit('CompensationRejected', { ticketId: ticket.ticketId, ...command.data })];
}
