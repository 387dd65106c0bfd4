import { createHash } from 'node:crypto';
import {
  AgentFlaggedForCoaching,
  QaReviewSubmitted,
  QaScorecardDefined,
  TicketSampledForReview,
  qaStream,
  stampEvent,
  type CommandMetadata,
  type EventEnvelope,
  type NewEvent,
  type QaCriterionScore,
  type QaSampleReason,
  type QaScorecardDefinedData,
} from '@ticketing/contracts';

/* QA reviews. Two kinds of `qa` streams, both pure deciders:
 * - `qa-<tenantId>`: the tenant's scorecard (QaScorecardDefined);
 * - `qa-<tenantId>:<agentId>`: one agent's sample, reviews and coaching flags. Sampling coverage and
 *   coaching are per agent, so a decision folds one agent's history, never the whole tenant's; the
 *   scorecard a decision needs travels in the command. */

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

export interface ScorecardState {
  scorecard: QaScorecard;
  revision: number;
}

/** One agent's QA history. */
export interface QaState {
  sampled: Record<string, { reason: QaSampleReason; reviewed: boolean }>;
  lastSampledAt: number | null;
  /** Review results (instant, total score), oldest first. */
  results: { at: number; totalScore: number }[];
  /** End of the period of the latest coaching flag. */
  flaggedAt: number | null;
}

export type ScorecardCommand = { type: 'DefineScorecard'; metadata: CommandMetadata; data: QaScorecard & { reason: string } };

export type QaCommand =
  | {
      type: 'ConsiderForReview';
      metadata: CommandMetadata;
      data: { ticketId: string; agentId: string; complaint: boolean; lowRating: boolean; samplingPercent: number };
    }
  | { type: 'SubmitReview'; metadata: CommandMetadata; data: { ticketId: string; agentId: string; scores: QaCriterionScore[]; comment: string | null; scorecard: QaScorecard } };

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

export const initialScorecardState = (): ScorecardState => ({ scorecard: DEFAULT_SCORECARD, revision: 0 });
export const initialQaState = (): QaState => ({ sampled: {}, lastSampledAt: null, results: [], flaggedAt: null });

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

export function evolveScorecard(state: ScorecardState, event: EventEnvelope): ScorecardState {
  if (!QaScorecardDefined.is(event)) return state;
  const { tenantId: _t, reason: _r, ...scorecard } = event.data;
  return { scorecard, revision: state.revision + 1 };
}

export function decideScorecard(command: ScorecardCommand, _state: ScorecardState): NewEvent[] {
  switch (command.type) {
    case 'DefineScorecard': {
      const ids = command.data.criteria.map((c) => c.criterionId);
      const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (ids.length === 0) throw new InvalidQaInputError([{ field: 'criteria', message: 'needs at least one criterion' }]);
      if (twice !== -1) throw new InvalidQaInputError([{ field: `criteria.${twice}.criterionId`, message: `${ids[twice]} is listed twice` }]);
      return [stampEvent(QaScorecardDefined, command.metadata, { tenantId: command.metadata.tenantId, ...command.data })];
    }
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export function evolveQa(state: QaState, event: EventEnvelope): QaState {
  if (TicketSampledForReview.is(event)) {
    const { ticketId, reason } = event.data;
    return { ...state, sampled: { ...state.sampled, [ticketId]: { reason, reviewed: false } }, lastSampledAt: Date.parse(event.occurredAt) };
  }
  if (QaReviewSubmitted.is(event)) {
    const { ticketId, totalScore } = event.data;
    const sample = state.sampled[ticketId];
    return {
      ...state,
      sampled: sample ? { ...state.sampled, [ticketId]: { ...sample, reviewed: true } } : state.sampled,
      results: [...state.results, { at: Date.parse(event.occurredAt), totalScore }],
    };
  }
  if (AgentFlaggedForCoaching.is(event)) return { ...state, flaggedAt: Date.parse(event.data.periodEnd) };
  return state;
}

export function decideQa(command: QaCommand, state: QaState): NewEvent[] {
  const now = Date.parse(command.metadata.now);
  switch (command.type) {
    case 'ConsiderForReview': {
      const { ticketId, agentId, complaint, lowRating, samplingPercent } = command.data;
      if (state.sampled[ticketId]) return []; // in the sample already (a redelivery, or rated after being sampled)
      const last = state.lastSampledAt;
      const reason: QaSampleReason | null = lowRating
        ? 'low_rating'
        : complaint
          ? 'complaint'
          : samplingFraction(command.metadata.tenantId, ticketId) < samplingPercent / 100
            ? 'random'
            : samplingPercent > 0 && (last === null || now - last >= AGENT_COVERAGE_MS)
              ? 'agent_coverage'
              : null;
      return reason ? [stampEvent(TicketSampledForReview, command.metadata, { ticketId, agentId, reason })] : [];
    }
    case 'SubmitReview': {
      const { ticketId, agentId, scores, comment, scorecard } = command.data;
      const sample = state.sampled[ticketId];
      if (!sample) throw new TicketNotSampledError(ticketId);
      if (sample.reviewed) throw new AlreadyReviewedError(ticketId);
      const problems = reviewProblems(scorecard, scores);
      if (problems.length > 0) throw new InvalidQaInputError(problems);
      const totalScore = totalScoreOf(scorecard, scores);
      const reviewed = stampEvent(QaReviewSubmitted, command.metadata, { ticketId, agentId, reviewerId: command.metadata.actor.id, scores, totalScore, comment });
      const { coachingThreshold, coachingPeriodDays, coachingMinReviews } = scorecard;
      const periodStart = now - coachingPeriodDays * DAY_MS;
      const inPeriod = [...state.results.filter((r) => r.at > periodStart), { at: now, totalScore }];
      const average = inPeriod.reduce((sum, r) => sum + r.totalScore, 0) / inPeriod.length;
      if (inPeriod.length < coachingMinReviews || average >= coachingThreshold || (state.flaggedAt !== null && state.flaggedAt > periodStart)) return [reviewed];
      return [
        reviewed,
        stampEvent(AgentFlaggedForCoaching, command.metadata, {
          agentId,
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
export const scorecardDecider = { decide: decideScorecard, evolve: evolveScorecard, initialState: initialScorecardState };

/** `qa-<tenantId>` holds the scorecard; `qa-<tenantId>:<agentId>` one agent's QA history. */
export const scorecardStreamId = (tenantId: string) => `${qaStream}-${tenantId}`;
export const agentQaStreamId = (tenantId: string, agentId: string) => `${qaStream}-${tenantId}:${agentId}`;
