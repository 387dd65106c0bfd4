import type { NewTicketEvent } from '@ticketing/contracts';
import type { AddInternalNote, ReplyToCustomer, RequestCustomerInfo, SendProgressUpdate } from '../commands/ticket-commands';
import { InvalidCommandError } from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, ACTIVE_OR_RESOLVED, requireStatus, type DecisionContext } from './decision-context';
import { pauseClockEvent } from './sla.handlers';

export function replyToCustomer(command: ReplyToCustomer, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { channel = ticket.channel, ...rest } = command.data;
  return [
    ctx.emit('AgentReplied', { ticketId: ticket.ticketId, ...rest, channel, firstResponse: ticket.firstResponseAt === null }),
  ];
}

/** Notes are internal bookkeeping, so they are still welcome after resolution (not after close). */
export function addInternalNote(command: AddInternalNote, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE_OR_RESOLVED);
  return [ctx.emit('InternalNoteAdded', { ticketId: ticket.ticketId, ...command.data })];
}

/**
 * Asking the customer puts the ticket in `pending_customer` and pauses the resolution clock: time
 * the customer takes to answer is not ours. Response clocks are met by the question itself.
 */
export function requestCustomerInfo(command: RequestCustomerInfo, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { channel = ticket.channel, ...rest } = command.data;
  const requested = ctx.emit('CustomerInfoRequested', { ticketId: ticket.ticketId, ...rest, channel });
  const resolutionRunning = ticket.slaClocks.resolution?.state === 'running';
  return resolutionRunning ? [requested, pauseClockEvent(ticket, 'resolution', 'awaiting_customer', ctx)] : [requested];
}

export function sendProgressUpdate(command: SendProgressUpdate, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { channel = ticket.channel, expectedResolutionAt = null, ...rest } = command.data;
  if (expectedResolutionAt !== null && Date.parse(expectedResolutionAt) <= ctx.now) {
    throw new InvalidCommandError(ticket.ticketId, ['expectedResolutionAt must be in the future']);
  }
  return [ctx.emit('ProgressUpdateSent', { ticketId: ticket.ticketId, ...rest, channel, expectedResolutionAt })];
}
