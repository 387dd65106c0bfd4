import { createHash } from 'node:crypto';
import {
  AgentFlaggedForCoaching,
  QaReviewSubmitted,
  QaScorecardDefined,
  TicketSampledForReview,
  stampEvent,
  type CommandMetadata,
  type EventEnvelope,
  type NewEvent,
  type QaCriterionScore,
  type QaSampleReason,
  type QaScorecardDefinedData,
} from '@ticketing/contracts';

/* QA reviews of one tenant (`qa-<tenantId>`): scorecard, sample, reviews, coaching flags. Pure. */

export type QaScorecard = Omit<QaScorecardDefinedData, 'tenantId' | 'reason'>;

export const DEFAULT_SCORECARD: QaScorecard = {
  criteria: [
    { criterionId: 'attitude', name: 'Service attitude', weight: 25 },
    { criterionId: 'communication', name: 'Communication', weight: 25 },
    { criterionId: 'problem_solving', name: 'Problem solving', weight: 35 },
    { criterionId: 'script_compliance', name: 'Script compliance', weight: 15 },
  ],
  samplingPercent: 10,
  coachingThreshold: 60,
  coachingPeriodDays: 30,
  coachingMinReviews: 3,
};

/** Every agent gets at least one ticket reviewed per this period, whatever the random share. */
export const AGENT_COVERAGE_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

export interface QaState {
  scorecard: QaScorecard;
  revision: number;
  sampled: Record<string, { agentId: string; reason: QaSampleReason; reviewed: boolean }>;
  lastSampledAt: Record<string, number>;
  /** Review results per agent (instant, total score), oldest first. */
  results: Record<string, { at: number; totalScore: number }[]>;
  /** End of the period of the agent's latest coaching flag. */
  flaggedAt: Record<string, number>;
}

export type QaCommand =
  | { type: 'DefineScorecard'; metadata: CommandMetadata; data: QaScorecard & { reason: string } }
  | { type: 'ConsiderForReview'; metadata: CommandMetadata; data: { ticketId: string; agentId: string; complaint: boolean; lowRating: boolean } }
  | { type: 'SubmitReview'; metadata: CommandMetadata; data: { ticketId: string; scores: QaCriterionScore[]; comment: string | null } };

export class TicketNotSampledError extends Error {
  readonly code = 'ticket_not_in_sample';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} is not in the QA sample`);
    this.name = 'TicketNotSampledDomainError';
  }
}

export class AlreadyReviewedError extends Error {
  readonly code = 'already_reviewed';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} was already reviewed`);
    this.name = 'AlreadyReviewedDomainError';
  }
}

export class InvalidQaInputError extends Error {
  readonly code = 'invalid_command';
  constructor(readonly problems: { field: string; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidQaInputDomainError';
  }
}

export const initialQaState = (): QaState => ({ scorecard: DEFAULT_SCORECARD, revision: 0, sampled: {}, lastSampledAt: {}, results: {}, flaggedAt: {} });

/** A ticket's fixed place in [0, 1): the same ticket is always in or out of the random share. */
export function samplingFraction(tenantId: string, ticketId: string): number {
  return parseInt(createHash('sha256').update(`${tenantId}:${ticketId}`).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
}

/** Weighted mean of 1–5 scores on a 0–100 scale (1 → 0, 5 → 100), rounded. */
export function totalScoreOf(scorecard: QaScorecard, scores: QaCriterionScore[]): number {
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  const weights = scorecard.criteria.reduce((sum, c) => sum + c.weight, 0);
  const weighted = scorecard.criteria.reduce((sum, c) => sum + c.weight * (((byId.get(c.criterionId) ?? 1) - 1) / 4) * 100, 0);
  return Math.round(weighted / weights);
}

/** Field problems of a review against the scorecard: every criterion once, nothing else, 1–5. */
export function reviewProblems(scorecard: QaScorecard, scores: QaCriterionScore[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(scorecard.criteria.map((c) => c.criterionId));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!known.has(s.criterionId)) problems.push({ field: `scores.${i}.criterionId`, message: `${s.criterionId} is not on the scorecard (${[...known].join(', ')})` });
    else if (seen.has(s.criterionId)) problems.push({ field: `scores.${i}.criterionId`, message: `${s.criterionId} is scored twice` });
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5) problems.push({ field: `scores.${i}.score`, message: 'must be a whole number from 1 to 5' });
    seen.add(s.criterionId);
  });
  for (const id of known) if (!seen.has(id)) problems.push({ field: 'scores', message: `${id} is not scored` });
  return problems;
}

export function evolveQa(state: QaState, event: EventEnvelope): QaState {
  if (QaScorecardDefined.is(event)) {
    const { tenantId: _t, reason: _r, ...scorecard } = event.data;
    return { ...state, scorecard, revision: state.revision + 1 };
  }
  if (TicketSampledForReview.is(event)) {
    const { ticketId, agentId, reason } = event.data;
    return {
      ...state,
      sampled: { ...state.sampled, [ticketId]: { agentId, reason, reviewed: false } },
      lastSampledAt: { ...state.lastSampledAt, [agentId]: Date.parse(event.occurredAt) },
    };
  }
  if (QaReviewSubmitted.is(event)) {
    const { ticketId, agentId, totalScore } = event.data;
    const sample = state.sampled[ticketId];
    return {
      ...state,
      sampled: sample ? { ...state.sampled, [ticketId]: { ...sample, reviewed: true } } : state.sampled,
      results: { ...state.results, [agentId]: [...(state.results[agentId] ?? []), { at: Date.parse(event.occurredAt), totalScore }] },
    };
  }
  if (AgentFlaggedForCoaching.is(event)) {
    return { ...state, flaggedAt: { ...state.flaggedAt, [event.data.agentId]: Date.parse(event.data.periodEnd) } };
  }
  return state;
}

export function decideQa(command: QaCommand, state: QaState): NewEvent[] {
  const now = Date.parse(command.metadata.now);
  switch (command.type) {
    case 'DefineScorecard': {
      const ids = command.data.criteria.map((c) => c.criterionId);
      const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (ids.length === 0) throw new InvalidQaInputError([{ field: 'criteria', message: 'needs at least one criterion' }]);
      if (twice !== -1) throw new InvalidQaInputError([{ field: `criteria.${twice}.criterionId`, message: `${ids[twice]} is listed twice` }]);
      return [stampEvent(QaScorecardDefined, command.metadata, { tenantId: command.metadata.tenantId, ...command.data })];
    }
    case 'ConsiderForReview': {
      const { ticketId, agentId, complaint, lowRating } = command.data;
      if (state.sampled[ticketId]) return []; // in the sample already (a redelivery, or rated after being sampled)
      const { samplingPercent } = state.scorecard;
      const last = state.lastSampledAt[agentId];
      const reason: QaSampleReason | null = lowRating
        ? 'low_rating'
        : complaint
          ? 'complaint'
          : samplingFraction(command.metadata.tenantId, ticketId) < samplingPercent / 100
            ? 'random'
            : samplingPercent > 0 && (last === undefined || now - last >= AGENT_COVERAGE_MS)
              ? 'agent_coverage'
              : null;
      return reason ? [stampEvent(TicketSampledForReview, command.metadata, { ticketId, agentId, reason })] : [];
    }
    case 'SubmitReview': {
      const { ticketId, scores, comment } = command.data;
      const sample = state.sampled[ticketId];
      if (!sample) throw new TicketNotSampledError(ticketId);
      if (sample.reviewed) throw new AlreadyReviewedError(ticketId);
      const problems = reviewProblems(state.scorecard, scores);
      if (problems.length > 0) throw new InvalidQaInputError(problems);
      const totalScore = totalScoreOf(state.scorecard, scores);
      const reviewed = stampEvent(QaReviewSubmitted, command.metadata, { ticketId, agentId: sample.agentId, reviewerId: command.metadata.actor.id, scores, totalScore, comment });
      const { coachingThreshold, coachingPeriodDays, coachingMinReviews } = state.scorecard;
      const periodStart = now - coachingPeriodDays * DAY_MS;
      const inPeriod = [...(state.results[sample.agentId] ?? []).filter((r) => r.at > periodStart), { at: now, totalScore }];
      const average = inPeriod.reduce((sum, r) => sum + r.totalScore, 0) / inPeriod.length;
      const flagged = state.flaggedAt[sample.agentId];
      if (inPeriod.length < coachingMinReviews || average >= coachingThreshold || (flagged !== undefined && flagged > periodStart)) return [reviewed];
      return [
        reviewed,
        stampEvent(AgentFlaggedForCoaching, command.metadata, {
          agentId: sample.agentId,
          periodStart: new Date(periodStart).toISOString(),
          periodEnd: command.metadata.now,
          averageScore: Math.round(average),
          reviews: inPeriod.length,
          threshold: coachingThreshold,
        }),
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

export const qaDecider = { decide: decideQa, evolve: evolveQa, initialState: initialQaState };
