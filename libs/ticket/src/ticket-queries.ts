import type { SlaTarget, TicketStatus } from '@ticketing/contracts';
import { defaultTicketPolicy, type TicketPolicy } from './ticket-policy';
import { ticketExists, type Ticket, type TicketState } from './ticket-state';

/* Pure read helpers for services and UIs; they mirror the decider's rules without deciding. */

const ACTIVE: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_third_party'];

export function isActive(state: TicketState): state is Ticket {
  return ticketExists(state) && ACTIVE.includes(state.status);
}

/** A ticket routing may hand to an agent right now. */
export function canAssign(state: TicketState): boolean {
  return isActive(state) && state.assigneeId === null;
}

export function canResolve(state: TicketState): boolean {
  return isActive(state) && state.openCollaborations.length === 0 && pendingCompensationIds(state).length === 0;
}

/** Whether a reopen without policy override is possible at `now`. */
export function canReopen(state: TicketState, now: string, policy: TicketPolicy = defaultTicketPolicy): boolean {
  return (
    ticketExists(state) &&
    state.status === 'resolved' &&
    state.resolvedAt !== null &&
    Date.parse(now) - Date.parse(state.resolvedAt) <= policy.reopenWindowMs
  );
}

export function pendingCompensationIds(state: TicketState): string[] {
  return ticketExists(state) ? state.compensations.filter((c) => c.status === 'pending').map((c) => c.compensationId) : [];
}

export function runningSlaTargets(state: TicketState): SlaTarget[] {
  if (!ticketExists(state)) return [];
  return (Object.keys(state.slaClocks) as SlaTarget[]).filter((t) => state.slaClocks[t]?.state === 'running').sort();
}

/** Whether the customer is the one who owes the next message. */
export function isWaitingOnCustomer(state: TicketState): boolean {
  return ticketExists(state) && state.status === 'pending_customer';
}
