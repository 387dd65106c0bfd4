import { boolean, defineEvent, integer, nullable, oneOf, string, timestamp } from '../events-kit';
import { SATISFACTION_SCALE, SECOND_SERVICE_REASONS, type Channel, type SecondServiceReason } from '../vocabulary';
import { channel, ticketId, ticketStream } from './shared-fields';

const surveyId = string('Id of the survey.');
const rating = integer('Satisfaction rating.', { min: SATISFACTION_SCALE.min, max: SATISFACTION_SCALE.max });

export interface SurveySentData {
  ticketId: string;
  surveyId: string;
  channel: Channel;
  expiresAt: string;
}

export const SurveySent = defineEvent<'SurveySent', SurveySentData>({
  type: 'SurveySent',
  summary: 'A satisfaction survey went to the customer after resolution.',
  streamCategory: ticketStream,
  producers: ['feedback'],
  consumers: ['intake', 'feedback'],
  schema: { ticketId, surveyId, channel, expiresAt: timestamp('After this, answers are no longer accepted.') },
});

export interface SatisfactionRatedData {
  ticketId: string;
  surveyId: string;
  rating: number;
  comment: string | null;
  /** Set by the decider: rating at or below the dissatisfaction threshold. */
  dissatisfied: boolean;
}

export const SatisfactionRated = defineEvent<'SatisfactionRated', SatisfactionRatedData>({
  type: 'SatisfactionRated',
  summary: 'The customer answered the survey.',
  streamCategory: ticketStream,
  producers: ['feedback'],
  consumers: ['feedback', 'routing', 'knowledge'],
  schema: {
    ticketId,
    surveyId,
    rating,
    comment: nullable(string('Free-text comment.', { maxLength: 10_000 })),
    dissatisfied: boolean(`Rating <= ${SATISFACTION_SCALE.dissatisfiedAtOrBelow}.`),
  },
  rules: (data) =>
    data.dissatisfied === data.rating <= SATISFACTION_SCALE.dissatisfiedAtOrBelow
      ? []
      : [`data.dissatisfied must be ${String(!data.dissatisfied)} for rating ${data.rating}`],
});

export interface SecondServiceRequestedData {
  ticketId: string;
  reason: SecondServiceReason;
  surveyId: string | null;
  rating: number | null;
  /** A senior group to route the reopened ticket to; null = routing decides. */
  targetGroupId: string | null;
  note: string | null;
}

export const SecondServiceRequested = defineEvent<'SecondServiceRequested', SecondServiceRequestedData>({
  type: 'SecondServiceRequested',
  summary: 'A dissatisfied customer gets a second service: the ticket is reopened by policy (TicketReopened follows).',
  streamCategory: ticketStream,
  producers: ['feedback'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: {
    ticketId,
    reason: oneOf(SECOND_SERVICE_REASONS, 'What triggered the second service.'),
    surveyId: nullable(surveyId),
    rating: nullable(rating),
    targetGroupId: nullable(string('Group that should handle the second service.')),
    note: nullable(string('Context for the agent.', { maxLength: 2000 })),
  },
});
