import { Inject, Injectable } from '@nestjs/common';
import { qaStream, streamId, type CommandMetadata, type QaCriterionScore } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent } from '@ticketing/platform';
import { DataSource, IsNull, Not } from 'typeorm';
import { InvalidQaInputError, qaDecider, type QaCommand, type QaScorecard, type QaState } from './qa.decider';
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

  async load(tenantId: string): Promise<QaState> {
    return (await aggregateStream(this.store, streamId(qaStream, tenantId), qaDecider.evolve, qaDecider.initialState)).state;
  }

  async scorecard(tenantId: string): Promise<QaScorecard & { revision: number }> {
    const state = await this.load(tenantId);
    return { ...state.scorecard, revision: state.revision };
  }

  async defineScorecard(scorecard: QaScorecard, reason: string, metadata: CommandMetadata): Promise<QaScorecard & { revision: number }> {
    const state = await this.run({ type: 'DefineScorecard', metadata, data: { ...scorecard, reason } });
    return { ...state.scorecard, revision: state.revision };
  }

  consider(data: { ticketId: string; agentId: string; complaint: boolean; lowRating: boolean }, metadata: CommandMetadata) {
    return this.run({ type: 'ConsiderForReview', metadata, data });
  }

  /** The reviewer is the caller; a ticket outside the sample (or of another tenant) is refused. */
  async review(ticketId: string, scores: QaCriterionScore[], comment: string | null, metadata: CommandMetadata): Promise<{ ticketId: string; agentId: string; totalScore: number; flaggedForCoaching: boolean }> {
    const { newEvents } = await this.runWith({ type: 'SubmitReview', metadata, data: { ticketId, scores, comment } });
    const reviewed = newEvents.find((e) => e.type === 'QaReviewSubmitted')!.data as { agentId: string; totalScore: number };
    return { ticketId, agentId: reviewed.agentId, totalScore: reviewed.totalScore, flaggedForCoaching: newEvents.some((e) => e.type === 'AgentFlaggedForCoaching') };
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

  private async run(command: QaCommand): Promise<QaState> {
    return (await this.runWith(command)).state;
  }

  private async runWith(command: QaCommand) {
    try {
      return await handleCommand({ store: this.store, streamId: streamId(qaStream, command.metadata.tenantId), decider: qaDecider, command, validate: validateNewEvent });
    } catch (error) {
      // Input that does not fit the scorecard is bad input (400 naming the field), not a conflict.
      if (error instanceof InvalidQaInputError) throw new InputValidationError(error.problems);
      throw error;
    }
  }
}
