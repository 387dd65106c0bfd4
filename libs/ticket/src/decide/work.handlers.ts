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
import type { Compensation, OpenCollaboration, Ticket } from '../ticket-state';
import { proposeWithinAuthority, requireApproverLevel } from './compensation-authority';
import { ACTIVE, requireStatus, type DecisionContext } from './decision-context';
import { clocksWhere, pauseClockEvent, resumeClockEvent } from './sla.handlers';

/* Collaboration with other departments and goodwill compensation: the two kinds of work an agent
 * starts and someone else finishes. */

/** While the ticket waits on a department (`pending_third_party`) the customer's resolution clock
 * pauses, as it does while we wait on the customer; the last answer resumes it. */
export function requestCollaboration(command: RequestCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { collaborationId } = command.data;
  if (ticket.openCollaborations.some((c) => c.collaborationId === collaborationId)) {
    throw new DuplicateIdError(ticket.ticketId, 'Collaboration', collaborationId);
  }
  const requested = ctx.emit('CollaborationRequested', { ticketId: ticket.ticketId, ...command.data });
  const resolutionRunning = ticket.slaClocks.resolution?.state === 'running';
  return resolutionRunning ? [requested, pauseClockEvent(ticket, 'resolution', 'awaiting_third_party', ctx)] : [requested];
}

export function openCollaboration(ticket: Ticket, collaborationId: string): OpenCollaboration {
  const open = ticket.openCollaborations.find((c) => c.collaborationId === collaborationId);
  if (!open) throw new CollaborationNotOpenError(ticket.ticketId, collaborationId);
  return open;
}

/** Clocks paused for the departments resume when the last open task is answered (completed or declined). */
export function resumeAfterLastCollaboration(ticket: Ticket, collaborationId: string, ctx: DecisionContext): NewTicketEvent[] {
  if (ticket.openCollaborations.some((c) => c.collaborationId !== collaborationId)) return [];
  return clocksWhere(ticket, (c) => c.state === 'paused' && c.pauseReason === 'awaiting_third_party').map((target) =>
    resumeClockEvent(ticket, target, ctx),
  );
}

export function completeCollaboration(command: CompleteCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = openCollaboration(ticket, command.data.collaborationId);
  return [
    ctx.emit('CollaborationCompleted', { ticketId: ticket.ticketId, ...command.data, department: open.department }),
    ...resumeAfterLastCollaboration(ticket, open.collaborationId, ctx),
  ];
}

/** Within policy limits the proposal is approved in the same decision, so fulfilment only ever
 * has to react to CompensationApproved. */
export function proposeCompensation(command: ProposeCompensation, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { compensationId, kind, amount, currency } = command.data;
  if (ticket.compensations.some((c) => c.compensationId === compensationId)) {
    throw new DuplicateIdError(ticket.ticketId, 'Compensation', compensationId);
  }
  const { authority: _authority, ...data } = command.data;
  if (ctx.policy.compensationAuthority) return proposeWithinAuthority(command, ticket, ctx, ctx.policy.compensationAuthority);
  const requiresApproval = compensationRequiresApproval(ctx.policy, command.data);
  const proposed = ctx.emit('CompensationProposed', { ticketId: ticket.ticketId, ...data, requiresApproval });
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
      reason: null,
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
  requireApproverLevel(ticket, compensation, command);
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
      reason: command.data.reason ?? null,
    }),
  ];
}

export function rejectCompensation(command: RejectCompensation, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const compensation = pendingCompensation(ticket, command.data.compensationId);
  requireApprover(ticket, compensation, command);
  requireApproverLevel(ticket, compensation, command);
  const { approverLevel: _level, ...data } = command.data;
  return [ctx.emit('CompensationRejected', { ticketId: ticket.ticketId, ...data })];
}
