import { PRIORITIES, TICKET_TIERS, type Category, type Priority, type TicketTier } from '@ticketing/contracts';
import type { QueuedTicket } from './routing-model';

/**
 * A ticket's tier: `urgent` for urgent priority, `complex` for categories the tenant marks as
 * needing several departments or a specialist (or once escalated), `regular` otherwise.
 */
export function tierOf(ticket: { priority: Priority | null; category: Category | null; escalationLevel: number }, complexCategories: readonly string[]): TicketTier {
  if (ticket.priority === 'urgent') return 'urgent';
  if ((ticket.category !== null && complexCategories.includes(ticket.category)) || ticket.escalationLevel > 0) return 'complex';
  return 'regular';
}

const tierRank = (t: TicketTier) => TICKET_TIERS.indexOf(t);
const priorityRank = (p: Priority | null) => (p === null ? PRIORITIES.indexOf('normal') : PRIORITIES.indexOf(p));

/**
 * Queue order: the VIP green channel first, then tier (urgent, complex, regular), priority, the
 * nearest SLA deadline (none = last), age, and the id so the order is total and replayable.
 */
export function compareQueued(a: QueuedTicket, b: QueuedTicket): number {
  return (
    Number(b.vip) - Number(a.vip) ||
    tierRank(a.tier) - tierRank(b.tier) ||
    priorityRank(a.priority) - priorityRank(b.priority) ||
    (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
    a.queuedAt - b.queuedAt ||
    (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
  );
}
