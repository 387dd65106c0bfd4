import type { CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import {
  AGENT_COVERAGE_MS,
  AlreadyReviewedError,
  DEFAULT_SCORECARD,
  InvalidQaInputError,
  TicketNotSampledError,
  qaDecider,
  samplingFraction,
  scorecardDecider,
  totalScoreOf,
  type QaCommand,
  type QaState,
} from './qa.decider';

/* given / when / then over the QA decider (pure). */
const T0 = Date.parse('2025-03-03T09:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const meta = (at = T0, actor: CommandMetadata['actor'] = { kind: 'service', id: 'feedback' }): CommandMetadata => ({
  tenantId: 'shop-a',
  actor,
  correlationId: 'c',
  causationId: null,
  now: new Date(at).toISOString(),
});
const reviewer = { kind: 'supervisor' as const, id: 'sup-1' };

let position = 0;
const recorded = (e: NewEvent): EventEnvelope =>
  ({ ...e, eventId: `e-${position}`, streamId: 'qa-shop-a', streamPosition: position, globalPosition: position++, logPosition: { commit: 0, prepare: 0 }, causationId: null }) as EventEnvelope;

/** Runs commands in order against the decider, folding what each decides; returns every event. */
function history(commands: QaCommand[], state: QaState = qaDecider.initialState()): { events: NewEvent[]; state: QaState } {
  const events: NewEvent[] = [];
  for (const command of commands) {
    const decided = qaDecider.decide(command, state);
    events.push(...decided);
    state = decided.map(recorded).reduce(qaDecider.evolve, state);
  }
  return { events, state };
}
const consider = (ticketId: string, agentId: string, at = T0, extra: { complaint?: boolean; lowRating?: boolean; samplingPercent?: number } = {}): QaCommand => ({
  type: 'ConsiderForReview',
  metadata: meta(at),
  data: { ticketId, agentId, complaint: extra.complaint ?? false, lowRating: extra.lowRating ?? false, samplingPercent: extra.samplingPercent ?? DEFAULT_SCORECARD.samplingPercent },
});
const allFives = DEFAULT_SCORECARD.criteria.map((c) => ({ criterionId: c.criterionId, score: 5 }));
const scored = (score: number) => DEFAULT_SCORECARD.criteria.map((c) => ({ criterionId: c.criterionId, score }));
const review = (ticketId: string, scores = allFives, at = T0 + HOUR): QaCommand => ({
  type: 'SubmitReview',
  metadata: meta(at, reviewer),
  data: { ticketId, agentId: 'a-1', scores, comment: null, scorecard: DEFAULT_SCORECARD },
});

describe('QA decider: sampling', () => {
  it('always samples complaints and low ratings; a ticket enters the sample once', () => {
    const { events } = history([
      consider('t-complaint', 'a-1', T0, { complaint: true }),
      consider('t-complaint', 'a-1', T0, { complaint: true }), // redelivered
      consider('t-low', 'a-1', T0, { lowRating: true }),
    ]);
    expect(events.map((e) => [e.type, (e.data as { reason: string }).reason])).toEqual([
      ['TicketSampledForReview', 'complaint'],
      ['TicketSampledForReview', 'low_rating'],
    ]);
  });

  it('samples the configured share at random, deterministically per ticket, and covers every agent once a week', () => {
    const tickets = Array.from({ length: 400 }, (_, i) => `ticket-${i}`);
    // Agents take turns; every ticket an hour apart, so a week passes within the run. Each agent's
    // history is its own stream.
    const run = () =>
      [0, 1, 2, 3]
        .flatMap((agent) => history(tickets.flatMap((t, i) => (i % 4 === agent ? [consider(t, `agent-${agent}`, T0 + i * HOUR)] : []))).events)
        .sort((a, b) => (a.occurredAt! < b.occurredAt! ? -1 : 1));
    const events = run();
    expect(run()).toEqual(events); // the same log samples the same tickets
    const reasons = (reason: string) => events.filter((e) => (e.data as { reason: string }).reason === reason);
    const expectedRandom = tickets.filter((t) => samplingFraction('shop-a', t) < DEFAULT_SCORECARD.samplingPercent / 100);
    expect(reasons('random').map((e) => (e.data as { ticketId: string }).ticketId)).toEqual(expectedRandom);
    expect(expectedRandom.length).toBeGreaterThan(20);
    expect(expectedRandom.length).toBeLessThan(60);
    // Stratified by agent: each agent has a sampled ticket in every week of the run.
    for (let agent = 0; agent < 4; agent++) {
      const times = events.filter((e) => (e.data as { agentId: string }).agentId === `agent-${agent}`).map((e) => Date.parse(e.occurredAt!));
      expect(times[0]).toBeLessThan(T0 + 4 * HOUR);
      times.slice(1).forEach((t, i) => expect(t - times[i]).toBeLessThanOrEqual(AGENT_COVERAGE_MS + 4 * HOUR));
    }
    expect(reasons('agent_coverage').length).toBeGreaterThan(0);
  });

  it('samples nothing at random with a 0 % share (complaints still)', () => {
    const { events } = history([consider('t-1', 'a-1', T0, { samplingPercent: 0 }), consider('t-2', 'a-1', T0, { complaint: true, samplingPercent: 0 })]);
    expect(events.map((e) => [e.type, (e.data as { ticketId: string }).ticketId])).toEqual([['TicketSampledForReview', 't-2']]);
  });
});

describe('QA decider: reviews and coaching', () => {
  const sampled = history([consider('t-1', 'a-1', T0, { complaint: true })]).state;

  it('scores a sampled ticket against the weighted scorecard and attaches it to the agent', () => {
    const scores = [
      { criterionId: 'attitude', score: 5 },
      { criterionId: 'communication', score: 3 },
      { criterionId: 'problem_solving', score: 1 },
      { criterionId: 'script_compliance', score: 5 },
    ];
    // (25·100 + 25·50 + 35·0 + 15·100) / 100 = 52.5 → 53
    expect(totalScoreOf(DEFAULT_SCORECARD, scores)).toBe(53);
    const { events } = history([review('t-1', scores)], sampled);
    expect(events).toEqual([expect.objectContaining({ type: 'QaReviewSubmitted', actor: reviewer, data: { ticketId: 't-1', agentId: 'a-1', reviewerId: 'sup-1', scores, totalScore: 53, comment: null } })]);
  });

  it('refuses a review of a ticket not in the sample, a second review, and scores that do not fit the scorecard', () => {
    expect(() => history([review('t-unknown')], sampled)).toThrow(TicketNotSampledError);
    const { state } = history([review('t-1')], sampled);
    expect(() => history([review('t-1')], state)).toThrow(AlreadyReviewedError);
    const bad = [{ criterionId: 'attitude', score: 6 }, { criterionId: 'humour', score: 3 }, { criterionId: 'attitude', score: 2 }];
    try {
      history([review('t-1', bad)], sampled);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidQaInputError);
      expect((error as InvalidQaInputError).problems.map((p) => p.field)).toEqual(['scores.0.score', 'scores.1.criterionId', 'scores.2.criterionId', 'scores', 'scores', 'scores']);
    }
  });

  it('flags an agent whose average over the period falls below the threshold, once per period', () => {
    const tickets = ['t-1', 't-2', 't-3', 't-4', 't-5'];
    const base = history(tickets.map((t) => consider(t, 'a-1', T0, { complaint: true }))).state;
    const { events } = history(
      [review('t-1', scored(2), T0 + DAY), review('t-2', scored(3), T0 + 2 * DAY), review('t-3', scored(2), T0 + 3 * DAY), review('t-4', scored(1), T0 + 4 * DAY)],
      base,
    );
    const flags = events.filter((e) => e.type === 'AgentFlaggedForCoaching');
    // 25, 50, 25 → average 33 < 60 at the third review (min 3 reviews); not again within the period.
    expect(flags).toEqual([expect.objectContaining({ data: expect.objectContaining({ agentId: 'a-1', averageScore: 33, reviews: 3, threshold: 60 }) })]);
    expect(flags[0].occurredAt).toBe(new Date(T0 + 3 * DAY).toISOString());

    const good = history([review('t-1', allFives, T0 + DAY), review('t-2', allFives, T0 + DAY), review('t-3', scored(1), T0 + DAY)], base).events;
    expect(good.some((e) => e.type === 'AgentFlaggedForCoaching')).toBe(false); // 100, 100, 0 → 67 ≥ 60
  });

  it('refuses a scorecard without criteria or with a criterion twice, naming the field', () => {
    const define = (criteria: typeof DEFAULT_SCORECARD.criteria) => () =>
      scorecardDecider.decide({ type: 'DefineScorecard', metadata: meta(), data: { ...DEFAULT_SCORECARD, criteria, reason: 'x' } }, scorecardDecider.initialState());
    expect(define([])).toThrow(InvalidQaInputError);
    expect(define([DEFAULT_SCORECARD.criteria[0], DEFAULT_SCORECARD.criteria[0]])).toThrow('criteria.1.criterionId');
    const [defined] = define(DEFAULT_SCORECARD.criteria)();
    expect(scorecardDecider.evolve(scorecardDecider.initialState(), recorded(defined))).toEqual({ scorecard: DEFAULT_SCORECARD, revision: 1 });
  });
});
