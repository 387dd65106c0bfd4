import { NO_SATISFACTION_DIMENSIONS, SATISFACTION_SCALE, type NewTicketEvent } from '@ticketing/contracts';
import type { RateSatisfaction, RequestSecondService, SendSurvey } from '../commands/ticket-commands';
import {
  SecondServiceAlreadyRequestedError,
  SurveyAlreadyRatedError,
  SurveyAlreadySentError,
  SurveyExpiredError,
  SurveyNotSentError,
} from '../ticket-errors';
import type { Ticket } from '../ticket-state';
import { DONE, requireStatus, type DecisionContext } from './decision-context';
import { reopenEvent } from './intake.handlers';
import { MAX_ESCALATION_LEVEL, raisedPriority } from './routing.handlers';

/* Feedback is about finished work, so unlike everything else it is accepted on closed tickets. */

export function sendSurvey(command: SendSurvey, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, DONE);
  const { channel = ticket.channel, ...rest } = command.data;
  if (ticket.survey) {
    if (ticket.survey.surveyId === rest.surveyId) return []; // redelivered trigger
    throw new SurveyAlreadySentError(ticket.ticketId);
  }
  return [ctx.emit('SurveySent', { ticketId: ticket.ticketId, ...rest, channel })];
}

export function rateSatisfaction(command: RateSatisfaction, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { surveyId, rating, comment } = command.data;
  const survey = ticket.survey;
  if (!survey || survey.surveyId !== surveyId) throw new SurveyNotSentError(ticket.ticketId, surveyId);
  if (survey.rating !== null) throw new SurveyAlreadyRatedError(ticket.ticketId, surveyId);
  if (ctx.now > Date.parse(survey.expiresAt)) throw new SurveyExpiredError(ticket.ticketId, surveyId);
  return [
    ctx.emit('SatisfactionRated', {
      ticketId: ticket.ticketId,
      surveyId,
      rating,
      comment,
      dissatisfied: rating <= SATISFACTION_SCALE.dissatisfiedAtOrBelow,
      dimensions: command.data.dimensions ?? NO_SATISFACTION_DIMENSIONS,
    }),
  ];
}

/** Second service is itself the policy that allows reopening a closed ticket, so the reopen (and
 * the escalation to the target group, when one is named and the ticket can still go up) is decided
 * together with the request, in one append; it is granted once per ticket. */
export function requestSecondService(command: RequestSecondService, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, DONE);
  if (ticket.secondServiceRequested) throw new SecondServiceAlreadyRequestedError(ticket.ticketId);
  const { targetGroupId, note } = command.data;
  const escalation =
    targetGroupId !== null && ticket.escalationLevel < MAX_ESCALATION_LEVEL
      ? [
          ctx.emit('TicketEscalated', {
            ticketId: ticket.ticketId,
            level: ticket.escalationLevel + 1,
            reason: 'complaint',
            previousPriority: ticket.priority,
            priority: raisedPriority(ticket.priority),
            toGroupId: targetGroupId,
            note,
          }),
        ]
      : [];
  return [
    ctx.emit('SecondServiceRequested', { ticketId: ticket.ticketId, ...command.data }),
    reopenEvent(ticket, ctx, 'second_service', true, note),
    ...escalation,
  ];
}
