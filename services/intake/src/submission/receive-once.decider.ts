import { CustomerMessageReceived, NO_SATISFACTION_DIMENSIONS, TicketOpened, type EventEnvelope, type NewTicketEvent, type TicketEvent } from '@ticketing/contracts';
import { ticketDecider, ticketExists, type ReceiveCustomerMessage, type TicketCommand, type TicketState } from '@ticketing/ticket';
import { surveyRatingIn } from './survey-reply';

/** The ticket as the decider folds it, plus the channel message ids already on it. */
export interface ReceivingState {
  ticket: TicketState;
  channelMessageIds: ReadonlySet<string>;
}

/** A rating-only reply to a survey that can no longer be answered: nothing is recorded, and the caller says why. */
export class SurveyReplyNotRecordedError extends Error {
  override readonly name = 'SurveyReplyNotRecordedError';
  constructor(
    readonly reason: 'survey_already_answered' | 'survey_expired',
    readonly surveyId: string,
  ) {
    super(`survey ${surveyId}: ${reason === 'survey_expired' ? 'the answer deadline has passed' : 'it was already answered'}`);
  }
}

/**
 * A customer message that only gives a rating ("4", "5 stars", "非常满意"), on a finished ticket
 * whose current resolution has a survey, answers that survey instead of reopening the ticket:
 * the rating is recorded by the ticket decider's own RateSatisfaction (once per survey, before its
 * deadline; the dimensions left empty). A late or second answer records nothing. Null: an ordinary
 * message, decided as before.
 */
export function surveyAnswerOf(command: ReceiveCustomerMessage, ticket: TicketState): TicketCommand | null {
  if (!ticketExists(ticket) || (ticket.status !== 'resolved' && ticket.status !== 'closed') || !ticket.survey) return null;
  if (command.data.attachments.length > 0) return null;
  const rating = surveyRatingIn(command.data.text);
  if (rating === null) return null;
  const { survey } = ticket;
  if (survey.rating !== null) throw new SurveyReplyNotRecordedError('survey_already_answered', survey.surveyId);
  if (Date.parse(command.metadata.now) > Date.parse(survey.expiresAt)) throw new SurveyReplyNotRecordedError('survey_expired', survey.surveyId);
  return {
    type: 'RateSatisfaction',
    ticketId: command.ticketId,
    metadata: command.metadata,
    data: { surveyId: survey.surveyId, rating, comment: null, dimensions: NO_SATISFACTION_DIMENSIONS },
  };
}

/**
 * The ticket decider, except that a channel message already on the ticket is not appended again,
 * and a rating-only reply to the ticket's open survey is recorded as its answer (surveyAnswerOf).
 * The decider itself does not remember message ids; the stream does, so a retried follow-up is
 * recognised from the same events it would be appended to (and a concurrent retry loses the
 * expected-revision race, reloads and finds its twin).
 */
export const receiveOnceDecider = {
  initialState: (): ReceivingState => ({ ticket: ticketDecider.initialState(), channelMessageIds: new Set() }),
  evolve: (state: ReceivingState, event: EventEnvelope): ReceivingState => {
    const ticket = ticketDecider.evolve(state.ticket, event as TicketEvent);
    const id = TicketOpened.is(event) || CustomerMessageReceived.is(event) ? event.data.channelMessageId : null;
    return { ticket, channelMessageIds: id === null ? state.channelMessageIds : new Set([...state.channelMessageIds, id]) };
  },
  decide: (command: TicketCommand, state: ReceivingState): NewTicketEvent[] => {
    if (command.type !== 'ReceiveCustomerMessage') return ticketDecider.decide(command, state.ticket);
    if (state.channelMessageIds.has(command.data.channelMessageId)) return [];
    return ticketDecider.decide(surveyAnswerOf(command, state.ticket) ?? command, state.ticket);
  },
};
