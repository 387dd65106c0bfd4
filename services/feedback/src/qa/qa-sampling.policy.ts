import { Inject, Injectable } from '@nestjs/common';
import { SatisfactionRated, TicketResolved, streamId, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy } from '@ticketing/platform';
import { ticketDecider, ticketExists } from '@ticketing/ticket';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import { QaService } from './qa.service';
import { reactionMetadata } from '../reaction-metadata';

/** Resolutions that no agent made (a customer accepting a self-service answer) have nobody to review. */
const NOT_AN_AGENT = new Set(['self-service']);

/**
 * Feeds the QA sample: every resolution is considered (its complaint flag, its agent), and a rating at
 * or below the tenant's low-rating threshold brings the ticket in whatever the random draw said. The
 * QA decider keeps a ticket in the sample once, so redelivery changes nothing.
 */
@Injectable()
export class QaSamplingPolicy extends EventPolicy {
  protected readonly consumer = { groupId: 'feedback.qa-sampling', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly qa: QaService,
    private readonly settings: FeedbackSettingsService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    const resolved = TicketResolved.is(event);
    const rated = SatisfactionRated.is(event);
    if (!resolved && !rated) return;
    const metadata = reactionMetadata(event);
    if (resolved) {
      if (NOT_AN_AGENT.has(event.data.resolvedBy)) return;
      const complaint = await this.ticketOf(event.data.ticketId).then((t) => t?.complaint ?? false);
      await this.qa.consider({ ticketId: event.data.ticketId, agentId: event.data.resolvedBy, complaint, lowRating: false }, metadata);
      return;
    }
    if (!rated) return;
    const { lowRatingThreshold } = (await this.settings.load(event.tenantId)).settings.surveys;
    if (event.data.rating > lowRatingThreshold) return;
    const ticket = await this.ticketOf(event.data.ticketId);
    const agentId = ticket?.assigneeId;
    if (!ticket || !agentId) return;
    await this.qa.consider({ ticketId: ticket.ticketId, agentId, complaint: ticket.complaint, lowRating: true }, metadata);
  }

  private async ticketOf(ticketId: string) {
    const { state } = await aggregateStream(this.store, streamId('ticket', ticketId), ticketDecider.evolve, ticketDecider.initialState);
    return ticketExists(state) ? state : null;
  }
}
