import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata, QaCriterionScore } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent } from '@ticketing/platform';
import { DataSource, IsNull, Not } from 'typeorm';
import {
  InvalidQaInputError,
  TicketNotSampledError,
  agentQaStreamId,
  qaDecider,
  scorecardDecider,
  scorecardStreamId,
  type QaCommand,
  type QaScorecard,
  type ScorecardCommand,
  type ScorecardState,
} from './qa.decider';
import { QaCoachingFlag, QaItem } from './qa.entities';

export interface QaItemView {
  ticketId: string;
  agentId: string;
  reason: string;
  sampledAt: string;
  reviewed: boolean;
  reviewedAt: string | null;
  reviewerId: string | null;
  totalScore: number | null;
  scores: QaCriterionScore[];
  comment: string | null;
}

export interface CoachingFlagView {
  agentId: string;
  periodStart: string;
  periodEnd: string;
  averageScore: number;
  reviews: number;
  threshold: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const itemView = (i: QaItem): QaItemView => ({
  ticketId: i.ticketId,
  agentId: i.agentId,
  reason: i.reason,
  sampledAt: new Date(i.sampledAt).toISOString(),
  reviewed: i.reviewedAt !== null,
  reviewedAt: iso(i.reviewedAt),
  reviewerId: i.reviewerId,
  totalScore: i.totalScore,
  scores: i.scores ?? [],
  comment: i.comment,
});

/** QA reviews: decided on the tenant's `qa-<tenantId>` stream, listed from the feedback.qa read model. */
@Injectable()
export class QaService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(tenantId: string): Promise<ScorecardState> {
    return (await aggregateStream(this.store, scorecardStreamId(tenantId), scorecardDecider.evolve, scorecardDecider.initialState)).state;
  }

  async scorecard(tenantId: string): Promise<QaScorecard & { revision: number }> {
    const state = await this.load(tenantId);
    return { ...state.scorecard, revision: state.revision };
  }

  async defineScorecard(scorecard: QaScorecard, reason: string, metadata: CommandMetadata): Promise<QaScorecard & { revision: number }> {
    const command: ScorecardCommand = { type: 'DefineScorecard', metadata, data: { ...scorecard, reason } };
    const { state } = await this.guarded(() =>
      handleCommand({ store: this.store, streamId: scorecardStreamId(metadata.tenantId), decider: scorecardDecider, command, validate: validateNewEvent }),
    );
    return { ...state.scorecard, revision: state.revision };
  }

  /** A resolution (or a low rating) of the agent's ticket, considered for the sample under the current share. */
  async consider(data: { ticketId: string; agentId: string; complaint: boolean; lowRating: boolean }, metadata: CommandMetadata): Promise<void> {
    const { samplingPercent } = (await this.load(metadata.tenantId)).scorecard;
    await this.run({ type: 'ConsiderForReview', metadata, data: { ...data, samplingPercent } });
  }

  /** The reviewer is the caller; a ticket outside the sample (or of another tenant) is refused. */
  async review(ticketId: string, scores: QaCriterionScore[], comment: string | null, metadata: CommandMetadata): Promise<{ ticketId: string; agentId: string; totalScore: number; flaggedForCoaching: boolean }> {
    const item = await this.dataSource.getRepository(QaItem).findOneBy({ tenantId: metadata.tenantId, ticketId });
    if (!item) throw new TicketNotSampledError(ticketId);
    const { scorecard } = await this.load(metadata.tenantId);
    const { newEvents } = await this.run({ type: 'SubmitReview', metadata, data: { ticketId, agentId: item.agentId, scores, comment, scorecard } });
    const reviewed = newEvents.find((e) => e.type === 'QaReviewSubmitted')!.data as { totalScore: number };
    return { ticketId, agentId: item.agentId, totalScore: reviewed.totalScore, flaggedForCoaching: newEvents.some((e) => e.type === 'AgentFlaggedForCoaching') };
  }

  async sample(tenantId: string, filter: { reviewed?: boolean; agentId?: string } = {}): Promise<QaItemView[]> {
    const rows = await this.dataSource.getRepository(QaItem).find({
      where: {
        tenantId,
        ...(filter.agentId ? { agentId: filter.agentId } : {}),
        ...(filter.reviewed === undefined ? {} : { reviewedAt: filter.reviewed ? Not(IsNull()) : IsNull() }),
      },
      order: { sampledAt: 'ASC', ticketId: 'ASC' },
      take: 500,
    });
    return rows.map(itemView);
  }

  /** An agent's QA results: the reviews of their tickets and the average, plus coaching flags. */
  async agent(tenantId: string, agentId: string): Promise<{ agentId: string; reviews: QaItemView[]; averageScore: number | null; coaching: CoachingFlagView[] }> {
    const reviews = await this.sample(tenantId, { agentId, reviewed: true });
    const coaching = await this.coaching(tenantId, agentId);
    const scores = reviews.map((r) => r.totalScore ?? 0);
    return { agentId, reviews, averageScore: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length, coaching };
  }

  async coaching(tenantId: string, agentId?: string): Promise<CoachingFlagView[]> {
    const rows = await this.dataSource.getRepository(QaCoachingFlag).find({ where: { tenantId, ...(agentId ? { agentId } : {}) }, order: { periodEnd: 'DESC' } });
    return rows.map((f) => ({
      agentId: f.agentId,
      periodStart: new Date(f.periodStart).toISOString(),
      periodEnd: new Date(f.periodEnd).toISOString(),
      averageScore: f.averageScore,
      reviews: f.reviews,
      threshold: f.threshold,
    }));
  }

  private run(command: QaCommand) {
    const streamId = agentQaStreamId(command.metadata.tenantId, command.data.agentId);
    return this.guarded(() => handleCommand({ store: this.store, streamId, decider: qaDecider, command, validate: validateNewEvent }));
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // Input that does not fit the scorecard is bad input (400 naming the field), not a conflict.
      if (error instanceof InvalidQaInputError) throw new InputValidationError(error.problems);
      throw error;
    }
  }
}
