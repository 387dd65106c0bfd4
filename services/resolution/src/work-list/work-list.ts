import type { Role } from '@ticketing/platform';
import { isActive, type Ticket } from '@ticketing/ticket';
import { AUTHORITY_RANK, authorityOfRole } from '../compensating/authority';

export interface WorkListEntry {
  ticketId: string;
  subject: string;
  status: string;
  priority: string | null;
  assigneeId: string | null;
  /** Why it is on the list. */
  reasons: string[];
  expectedResolutionAt: string | null;
  updatedAt: string;
}

export interface WorkList {
  assignedToMe: WorkListEntry[];
  waitingOnMe: WorkListEntry[];
  overdue: WorkListEntry[];
}


/** Past the time promised to the customer, with no update since the promise fell due. */
export function promiseBroken(ticket: Ticket, now: number): boolean {
  if (ticket.expectedResolutionAt === null) return false;
  const due = Date.parse(ticket.expectedResolutionAt);
  return due < now && (ticket.lastProgressUpdateAt === null || Date.parse(ticket.lastProgressUpdateAt) <= due);
}

/** Why a ticket is overdue (empty = it is not). */
export function overdueReasons(ticket: Ticket, now: number): string[] {
  if (!isActive(ticket)) return [];
  const reasons: string[] = [];
  if (promiseBroken(ticket, now)) reasons.push(`promised resolution by ${ticket.expectedResolutionAt} passed without an update`);
  for (const task of ticket.openCollaborations) {
    if (task.overdue || (task.dueAt !== null && Date.parse(task.dueAt) < now)) reasons.push(`${task.department} task ${task.collaborationId} overdue`);
  }
  for (const [target, clock] of Object.entries(ticket.slaClocks)) if (clock?.breached) reasons.push(`SLA ${target} breached`);
  return reasons;
}

/** Why the next move is the caller's (empty = it is not). */
export function waitingReasons(ticket: Ticket, me: string, role: Role): string[] {
  if (!isActive(ticket)) return [];
  const reasons: string[] = [];
  const customerSpokeLast = ticket.lastAgentMessageAt === null || Date.parse(ticket.lastCustomerMessageAt) > Date.parse(ticket.lastAgentMessageAt);
  if (ticket.assigneeId === me && (ticket.status === 'new' || ticket.status === 'open') && customerSpokeLast) reasons.push('customer awaits a reply');
  const mine = AUTHORITY_RANK[authorityOfRole(role)];
  for (const c of ticket.compensations) {
    if (c.status === 'pending' && mine >= AUTHORITY_RANK[c.approverLevel ?? 'supervisor'] && c.proposedBy !== me) {
      reasons.push(`compensation ${c.compensationId} (${c.kind} ${c.amount}) awaits your approval`);
    }
  }
  return reasons;
}

/**
 * The agent's work list. Agents see their own tickets; supervisors and admins also see every
 * overdue ticket of the tenant and the compensations waiting for their level.
 */
export function workListOf(tickets: Ticket[], principal: { role: Role; actor: { id: string } }, now: number, updatedAt: (t: Ticket) => string): WorkList {
  const me = principal.actor.id;
  const staffWide = principal.role !== 'agent';
  const entry = (t: Ticket, reasons: string[]): WorkListEntry => ({
    ticketId: t.ticketId,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    assigneeId: t.assigneeId,
    reasons,
    expectedResolutionAt: t.expectedResolutionAt,
    updatedAt: updatedAt(t),
  });
  const list: WorkList = { assignedToMe: [], waitingOnMe: [], overdue: [] };
  for (const t of tickets) {
    if (!isActive(t)) continue;
    if (t.assigneeId === me) list.assignedToMe.push(entry(t, ['assigned to you']));
    const waiting = waitingReasons(t, me, principal.role);
    if (waiting.length > 0) list.waitingOnMe.push(entry(t, waiting));
    const late = overdueReasons(t, now);
    if (late.length > 0 && (t.assigneeId === me || staffWide)) list.overdue.push(entry(t, late));
  }
  return list;
}
