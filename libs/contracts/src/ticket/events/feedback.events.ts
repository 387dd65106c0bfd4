import { boolean, defineEvent, integer, nullable, object, oneOf, string, timestamp } from '../events-kit';
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

/** Ratings of single aspects of the service on the same 1–5 scale; null = not answered. Added in v2. */
export interface SatisfactionDimensions {
  attitude: number | null;
  responseSpeed: number | null;
  problemSolved: number | null;
  expertise: number | null;
}

export const SATISFACTION_DIMENSIONS = ['attitude', 'responseSpeed', 'problemSolved', 'expertise'] as const satisfies readonly (keyof SatisfactionDimensions)[];
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];

/** A v1 answer (and a v2 answer without dimensions) rated none of them. */
export const NO_SATISFACTION_DIMENSIONS: SatisfactionDimensions = { attitude: null, responseSpeed: null, problemSolved: null, expertise: null };

const dimensionRating = (aspect: string) =>
  nullable(integer(`Rating of ${aspect}.`, { min: SATISFACTION_SCALE.min, max: SATISFACTION_SCALE.max }));

export interface SatisfactionRatedData {
  ticketId: string;
  surveyId: string;
  rating: number;
  comment: string | null;
  /** Set by the decider: rating at or below the dissatisfaction threshold. */
  dissatisfied: boolean;
  /** Added in v2. */
  dimensions: SatisfactionDimensions;
}

export type SatisfactionRatedDataV1 = Omit<SatisfactionRatedData, 'dimensions'>;

export const SatisfactionRated = defineEvent<'SatisfactionRated', SatisfactionRatedData>({
  type: 'SatisfactionRated',
  schemaVersion: 2,
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
    dimensions: object<SatisfactionDimensions>(
      {
        attitude: dimensionRating('the service attitude'),
        responseSpeed: dimensionRating('the response speed'),
        problemSolved: dimensionRating('whether the problem was solved'),
        expertise: dimensionRating("the agent's expertise"),
      },
      'Ratings of single aspects of the service (null = not answered).',
      'SatisfactionDimensions',
    ),
  },
  rules: (data) =>
    data.dissatisfied === data.rating <= SATISFACTION_SCALE.dissatisfiedAtOrBelow
      ? []
      : [`data.dissatisfied must be ${String(!data.dissatisfied)} for rating ${data.rating}`],
  upcasters: [
    {
      fromVersion: 1,
      description: 'adds `dimensions`, all null: v1 surveys asked only for the overall rating.',
      upcast: (data) => ({ ...data, dimensions: NO_SATISFACTION_DIMENSIONS }),
    },
  ],
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
