import { AgentFlaggedForCoaching, QaReviewSubmitted, TicketSampledForReview, qaStream, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { QaCoachingFlag, QaItem } from './qa.entities';

/** The QA sample with review results, and the coaching flags; every write idempotent. */
export const qaProjection: Projection = {
  name: 'feedback.qa',
  categories: [qaStream],
  handles: [TicketSampledForReview.type, QaReviewSubmitted.type, AgentFlaggedForCoaching.type],
  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (TicketSampledForReview.is(event)) {
      const { ticketId, agentId, reason } = event.data;
      await manager.getRepository(QaItem).upsert(
        { tenantId: event.tenantId, ticketId, agentId, reason, sampledAt: new Date(event.occurredAt) },
        { conflictPaths: ['tenantId', 'ticketId'], skipUpdateIfNoValuesChanged: true },
      );
    } else if (QaReviewSubmitted.is(event)) {
      const { ticketId, reviewerId, totalScore, scores, comment } = event.data;
      await manager.getRepository(QaItem).update(
        { tenantId: event.tenantId, ticketId },
        { reviewedAt: new Date(event.occurredAt), reviewerId, totalScore, scores, comment },
      );
    } else if (AgentFlaggedForCoaching.is(event)) {
      const { agentId, periodStart, periodEnd, averageScore, reviews, threshold } = event.data;
      await manager.getRepository(QaCoachingFlag).upsert(
        { tenantId: event.tenantId, agentId, periodStart: new Date(periodStart), periodEnd: new Date(periodEnd), averageScore, reviews, threshold },
        ['tenantId', 'agentId', 'periodEnd'],
      );
    }
  },
  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(QaItem);
    await manager.clear(QaCoachingFlag);
  },
};
