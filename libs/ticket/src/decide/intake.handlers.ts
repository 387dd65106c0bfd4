import { channelClassOf, type NewTicketEvent, type ReopenReason } from '@ticketing/contracts';
import type { ClassifyTicket, OpenTicket, ReceiveCustomerMessage, ReclassifyTicket, RecordReplyDeliveryFailure } from '../commands/ticket-commands';
import { InvalidTransitionError, ReopenWindowExpiredError } from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, ACTIVE_OR_RESOLVED, requireStatus, type DecisionContext } from './decision-context';
import { clocksWhere, resumeClockEvent } from './sla.handlers';

export function openTicket(command: OpenTicket, ctx: DecisionContext): NewTicketEvent[] {
  const { data } = command;
  return [ctx.emit('TicketOpened', { ticketId: command.ticketId, ...data, channelClass: channelClassOf(data.channel) })];
}

export function withinReopenWindow(ticket: Ticket, ctx: DecisionContext): boolean {
  return ticket.resolvedAt !== null && ctx.now - Date.parse(ticket.resolvedAt) <= ctx.policy.reopenWindowMs;
}

export function reopenEvent(
  ticket: Ticket,
  ctx: DecisionContext,
  reason: ReopenReason,
  byPolicy: boolean,
  note: string | null = null,
): NewTicketEvent {
  const previousStatus = ticket.status === 'closed' ? 'closed' : 'resolved';
  return ctx.emit('TicketReopened', {
    ticketId: ticket.ticketId,
    reason,
    byPolicy,
    previousStatus,
    reopenCount: ticket.reopenCount + 1,
    note,
  });
}

/**
 * A message on a live ticket is threaded onto it; one that answers our question resumes the clocks
 * paused for the customer; one on a resolved ticket reopens it inside the window. Outside it intake
 * gets `reopen_window_expired` and opens a follow-up ticket instead.
 */
export function receiveCustomerMessage(command: ReceiveCustomerMessage, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const received = ctx.emit('CustomerMessageReceived', { ticketId: ticket.ticketId, ...command.data });
  if (ticket.status === 'resolved') {
    if (!withinReopenWindow(ticket, ctx)) throw new ReopenWindowExpiredError(ticket.ticketId, ticket.resolvedAt ?? '');
    return [received, reopenEvent(ticket, ctx, 'customer_replied', false)];
  }
  requireStatus(ticket, command, ACTIVE);
  if (ticket.status !== 'pending_customer') return [received];
  const waitingOnCustomer = clocksWhere(ticket, (c) => c.state === 'paused' && c.pauseReason === 'awaiting_customer');
  return [received, ...waitingOnCustomer.map((target) => resumeClockEvent(ticket, target, ctx))];
}

export function classifyTicket(command: ClassifyTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.category !== null) {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'already classified; reclassify instead');
  }
  const { language = 'und', needsTriage = false, suggestedCategory = null, subcategory = null, ...data } = command.data;
  return [ctx.emit('TicketClassified', { ticketId: ticket.ticketId, ...data, language, needsTriage, suggestedCategory, subcategory })];
}

export function reclassifyTicket(command: ReclassifyTicket, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE_OR_RESOLVED);
  const { category, priority, complaint } = command.data;
  const previousSubcategory = ticket.subcategory ?? null;
  // A subcategory belongs to its category: kept while the category stays, gone when it changes.
  const subcategory = command.data.subcategory !== undefined ? command.data.subcategory : category === ticket.category ? previousSubcategory : null;
  if (category === ticket.category && priority === ticket.priority && complaint === ticket.complaint && subcategory === previousSubcategory) return [];
  return [
    ctx.emit('TicketReclassified', {
      ticketId: ticket.ticketId,
      ...command.data,
      subcategory,
      previousCategory: ticket.category,
      previousPriority: ticket.priority,
      previousSubcategory,
    }),
  ];
}

/**
 * A fact from the outbound channel, recorded whatever the ticket's status (a survey can fail after
 * closing). Once per delivery: a redelivered DeliveryFailed finds it already on the ticket.
 */
export function recordReplyDeliveryFailure(command: RecordReplyDeliveryFailure, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  if ((ticket.failedDeliveryIds ?? []).includes(command.data.deliveryId)) return [];
  return [ctx.emit('ReplyDeliveryFailed', { ticketId: ticket.ticketId, ...command.data })];
}
