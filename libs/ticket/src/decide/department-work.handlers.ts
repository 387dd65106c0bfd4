import type { NewTicketEvent } from '@ticketing/contracts';
import type {
  AcceptCollaboration,
  ChangeTags,
  CommentOnCollaboration,
  DeclineCollaboration,
  MarkCollaborationOverdue,
  RecordCompensationIssued,
} from '../commands/ticket-commands';
import { CompensationNotPendingError, InvalidTransitionError } from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, ACTIVE_OR_RESOLVED, requireStatus, type DecisionContext } from './decision-context';
import { openCollaboration, resumeAfterLastCollaboration } from './work.handlers';

/* A department works its collaboration task; timers escalate it; fulfilment reports back. */

/** Accepting twice (a retried request) changes nothing. */
export function acceptCollaboration(command: AcceptCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = openCollaboration(ticket, command.data.collaborationId);
  if (open.state === 'accepted') return [];
  return [ctx.emit('CollaborationAccepted', { ticketId: ticket.ticketId, ...command.data, department: open.department })];
}

export function commentOnCollaboration(command: CommentOnCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = openCollaboration(ticket, command.data.collaborationId);
  return [ctx.emit('CollaborationCommented', { ticketId: ticket.ticketId, ...command.data, department: open.department })];
}

export function declineCollaboration(command: DeclineCollaboration, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = openCollaboration(ticket, command.data.collaborationId);
  return [
    ctx.emit('CollaborationDeclined', { ticketId: ticket.ticketId, ...command.data, department: open.department }),
    ...resumeAfterLastCollaboration(ticket, open.collaborationId, ctx),
  ];
}

/** The sweeper may fire twice or late: a task already escalated is a no-op; one not yet due (its
 * due time moved, or a clock skew) is refused so a stale timer never escalates early. */
export function markCollaborationOverdue(command: MarkCollaborationOverdue, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const open = openCollaboration(ticket, command.data.collaborationId);
  if (open.overdue) return [];
  if (open.dueAt === null || ctx.now < Date.parse(open.dueAt)) {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, `collaboration ${open.collaborationId} is not due until ${open.dueAt ?? 'never'}`);
  }
  return [
    ctx.emit('CollaborationOverdue', {
      ticketId: ticket.ticketId,
      collaborationId: open.collaborationId,
      department: open.department,
      dueAt: open.dueAt,
      escalatedTo: command.data.escalatedTo,
    }),
  ];
}

/** Fulfilment answers at least once per approval; only the first answer is recorded. Accepted on
 * resolved and closed tickets too: money moves whenever the shop answers. */
export function recordCompensationIssued(command: RecordCompensationIssued, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const compensation = ticket.compensations.find((c) => c.compensationId === command.data.compensationId);
  if (!compensation || compensation.status !== 'approved') throw new CompensationNotPendingError(ticket.ticketId, command.data.compensationId);
  if (compensation.issue !== null) return [];
  const { kind, amount, currency } = compensation;
  return [ctx.emit('CompensationIssued', { ticketId: ticket.ticketId, ...command.data, kind, amount, currency })];
}

const normalTag = (tag: string) => tag.trim().toLowerCase();

export function changeTags(command: ChangeTags, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE_OR_RESOLVED);
  const remove = new Set(command.data.remove.map(normalTag));
  const added = [...new Set(command.data.add.map(normalTag))].filter((t) => t && !ticket.tags.includes(t) && !remove.has(t));
  const removed = ticket.tags.filter((t) => remove.has(t));
  if (added.length === 0 && removed.length === 0) return [];
  const tags = [...ticket.tags.filter((t) => !remove.has(t)), ...added];
  return [ctx.emit('TicketTagsChanged', { ticketId: ticket.ticketId, added, removed, tags })];
}
