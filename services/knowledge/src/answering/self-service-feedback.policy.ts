import { Inject, Injectable } from '@nestjs/common';
import { SelfServiceOfferAnswered, streamId, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy } from '@ticketing/platform';
import { ticketDecider, ticketExists } from '@ticketing/ticket';
import { ArticleDomainError } from '../authoring/article.decider';
import { ArticlesService } from '../authoring/articles.service';

/**
 * A customer accepting a self-service answer found its article helpful; declining it, not. Each
 * answered offer becomes one `ArticleFeedbackRecorded` on the article (by the customer, with the
 * offer's id), so it counts in ranking and the weak-article listing like any vote.
 *
 * The offer names its article on the ticket (SelfServiceAnswerOffered), so the ticket stream is
 * folded to find it. Idempotent without a table of its own: the article decider counts an offer
 * once, so a redelivered or concurrently handled answer appends nothing (a racing append loses on
 * the expected revision, reloads and finds the vote).
 */
@Injectable()
export class SelfServiceFeedbackPolicy extends EventPolicy {
  protected readonly consumer = { groupId: 'knowledge.self-service-feedback', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly articles: ArticlesService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!SelfServiceOfferAnswered.is(event)) return;
    const { ticketId, offerId, accepted } = event.data;
    const { state: ticket } = await aggregateStream(this.store, streamId('ticket', ticketId), ticketDecider.evolve, ticketDecider.initialState);
    const offer = ticketExists(ticket) && ticket.tenantId === event.tenantId ? ticket.selfServiceOffer : null;
    if (offer?.offerId !== offerId) {
      this.logger.warn(`offer ${offerId} is not on ticket ${ticketId} of tenant ${event.tenantId}; not counted`);
      return;
    }
    const metadata = { tenantId: event.tenantId, actor: event.actor, correlationId: event.correlationId, causationId: event.eventId, now: event.occurredAt };
    try {
      await this.articles.run(offer.articleId, {
        type: 'RecordFeedback',
        metadata,
        data: { helpful: accepted, source: event.actor.kind === 'agent' ? 'agent' : 'customer', ticketId, comment: null, offerId },
      });
    } catch (error) {
      // The article is gone from this tenant or was never published: nothing to count, nothing to retry.
      if (!(error instanceof ArticleDomainError)) throw error;
      this.logger.warn(`offer ${offerId} (article ${offer.articleId}) not counted: ${error.message}`);
    }
  }
}
