import type { NewTicketEvent } from '@ticketing/contracts';
import type { AnswerSelfServiceOffer, OfferSelfServiceAnswer } from '../commands/ticket-commands';
import { InvalidTransitionError } from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { ACTIVE, requireStatus, type DecisionContext } from './decision-context';

/**
 * One self-service offer per ticket, made before any agent has answered: once an agent is talking
 * to the customer an automated answer would only get in the way. The offer goes out on the
 * ticket's own channel.
 */
export function offerSelfServiceAnswer(command: OfferSelfServiceAnswer, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  if (ticket.selfServiceOffer !== null) {
    if (ticket.selfServiceOffer.offerId === command.data.offerId) return []; // the same offer again: already made
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'a self-service answer was already offered');
  }
  if (ticket.agentReplyCount > 0) {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, 'an agent has already answered');
  }
  return [ctx.emit('SelfServiceAnswerOffered', { ticketId: ticket.ticketId, ...command.data, channel: ticket.channel })];
}

/**
 * Accepting resolves the ticket as `deflected` in the same decision, so there is no moment in which
 * the customer said "solved" and the ticket is still waiting for an agent. Declining records it and
 * leaves the ticket with routing. Answering the same offer the same way again is a no-op (a retried
 * click); changing the answer afterwards is refused.
 */
export function answerSelfServiceOffer(command: AnswerSelfServiceOffer, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const offer = ticket.selfServiceOffer;
  if (offer === null || offer.offerId !== command.data.offerId) {
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, `no self-service offer ${command.data.offerId} on this ticket`);
  }
  const { accepted } = command.data;
  if (offer.status !== 'offered') {
    if ((offer.status === 'accepted') === accepted) return [];
    throw new InvalidTransitionError(ticket.ticketId, ticket.status, command.type, `the offer was already ${offer.status}`);
  }
  requireStatus(ticket, command, ACTIVE);
  const answered = ctx.emit('SelfServiceOfferAnswered', { ticketId: ticket.ticketId, offerId: offer.offerId, accepted });
  if (!accepted) return [answered];
  return [
    answered,
    ctx.emit('TicketResolved', {
      ticketId: ticket.ticketId,
      resolutionCode: 'deflected',
      summary: `Customer accepted the self-service answer from article ${offer.articleId}.`,
      resolvedBy: 'self-service',
      firstContactResolution: true,
      forced: false,
      abandonedCollaborationIds: [],
    }),
  ];
}
