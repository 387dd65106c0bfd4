import { arrayOf, defineEvent, integer, nullable, object, oneOf, string, timestamp } from '../ticket/events-kit';

/* Quality reviews: the tenant's scorecard in `qa-<tenantId>`; each agent's sampled tickets, reviews
 * and coaching flags in `qa-<tenantId>:<agentId>`. */

export const qaStream = 'qa';

export interface QaCriterion {
  criterionId: string;
  name: string;
  /** Relative weight; the total score is the weighted mean. */
  weight: number;
}

export interface QaScorecardDefinedData {
  tenantId: string;
  criteria: QaCriterion[];
  /** Percent of resolved tickets sampled at random (complaints and low ratings always are). */
  samplingPercent: number;
  /** An agent whose average score over the period is below this (0–100) is flagged for coaching. */
  coachingThreshold: number;
  coachingPeriodDays: number;
  /** Reviews an agent needs in the period before the average counts. */
  coachingMinReviews: number;
  reason: string;
}

const criterionId = string('Criterion id, e.g. `attitude`.', { maxLength: 100 });

export const QaScorecardDefined = defineEvent<'QaScorecardDefined', QaScorecardDefinedData>({
  type: 'QaScorecardDefined',
  summary: "A tenant replaced its QA scorecard (weighted criteria), sampling share and coaching rule.",
  streamCategory: qaStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    tenantId: string('The tenant configured.'),
    criteria: arrayOf(
      object<QaCriterion>(
        {
          criterionId,
          name: string('Display name.', { maxLength: 200 }),
          weight: integer('Relative weight.', { min: 1, max: 100 }),
        },
        'A scored criterion.',
        'QaCriterion',
      ),
      'The criteria reviewers score (1–5 each).',
      { maxItems: 20 },
    ),
    samplingPercent: integer('Percent of resolved tickets sampled at random.', { min: 0, max: 100 }),
    coachingThreshold: integer('Average score (0–100) below which an agent is flagged.', { min: 0, max: 100 }),
    coachingPeriodDays: integer('Days the coaching average looks back.', { min: 1, max: 366 }),
    coachingMinReviews: integer('Reviews needed in the period.', { min: 1, max: 1000 }),
    reason: string('Why it changed.', { maxLength: 1000 }),
  },
});

export const QA_SAMPLE_REASONS = ['random', 'agent_coverage', 'complaint', 'low_rating'] as const;
export type QaSampleReason = (typeof QA_SAMPLE_REASONS)[number];

export interface TicketSampledForReviewData {
  ticketId: string;
  agentId: string;
  reason: QaSampleReason;
}

export const TicketSampledForReview = defineEvent<'TicketSampledForReview', TicketSampledForReviewData>({
  type: 'TicketSampledForReview',
  summary: 'A resolved ticket was taken into the QA sample (at random, to cover its agent, as a complaint, or for a low rating).',
  streamCategory: qaStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    ticketId: string('The ticket to review.', { maxLength: 200 }),
    agentId: string('The agent whose work is reviewed.', { maxLength: 200 }),
    reason: oneOf(QA_SAMPLE_REASONS, 'Why it was sampled.'),
  },
});

export interface QaCriterionScore {
  criterionId: string;
  score: number;
}

export interface QaReviewSubmittedData {
  ticketId: string;
  agentId: string;
  reviewerId: string;
  scores: QaCriterionScore[];
  /** Weighted mean of the scores mapped to 0–100 (1 → 0, 5 → 100). */
  totalScore: number;
  comment: string | null;
}

export const QaReviewSubmitted = defineEvent<'QaReviewSubmitted', QaReviewSubmittedData>({
  type: 'QaReviewSubmitted',
  summary: "A reviewer scored a sampled ticket against the tenant's scorecard; the result attaches to the agent.",
  streamCategory: qaStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    ticketId: string('The reviewed ticket.', { maxLength: 200 }),
    agentId: string('The agent reviewed.', { maxLength: 200 }),
    reviewerId: string('Who reviewed.', { maxLength: 200 }),
    scores: arrayOf(
      object<QaCriterionScore>({ criterionId, score: integer('Score 1–5.', { min: 1, max: 5 }) }, 'One criterion scored.', 'QaCriterionScore'),
      'A score per criterion of the scorecard.',
      { maxItems: 20 },
    ),
    totalScore: integer('Weighted total, 0–100 (rounded).', { min: 0, max: 100 }),
    comment: nullable(string('Reviewer comment.', { maxLength: 5000 })),
  },
});

export interface AgentFlaggedForCoachingData {
  agentId: string;
  periodStart: string;
  periodEnd: string;
  averageScore: number;
  reviews: number;
  threshold: number;
}

export const AgentFlaggedForCoaching = defineEvent<'AgentFlaggedForCoaching', AgentFlaggedForCoachingData>({
  type: 'AgentFlaggedForCoaching',
  summary: "An agent's average QA score over the period fell below the tenant's threshold (once per period).",
  streamCategory: qaStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    agentId: string('The agent.', { maxLength: 200 }),
    periodStart: timestamp('Start of the period looked at.'),
    periodEnd: timestamp('End of the period (the review that tipped it).'),
    averageScore: integer('Average total score in the period (rounded).', { min: 0, max: 100 }),
    reviews: integer('Reviews in the period.', { min: 1 }),
    threshold: integer('The threshold it fell below.', { min: 0, max: 100 }),
  },
});
