import { Inject, Injectable } from '@nestjs/common';
import { SATISFACTION_SCALE, SatisfactionRated, streamId, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, validateNewEvent } from '@ticketing/platform';
import { SecondServiceAlreadyRequestedError, ticketDecider, ticketExists } from '@ticketing/ticket';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import { FEEDBACK_CLOCK, type Clock } from '../surveying/surveys.service';
import { reactionMetadata } from '../reaction-metadata';

/** Words that make a comment negative whatever the rating (English and Chinese; lower case). */
const NEGATIVE_WORDS = ['terrible', 'awful', 'useless', 'rude', 'angry', 'worst', 'not solved', 'unresolved', 'disappointed', 'complain', '差', '不满', '投诉', '没解决', '太慢'];

export function isNegativeComment(comment: string | null): boolean {
  if (!comment) return false;
  const text = comment.toLowerCase();
  return NEGATIVE_WORDS.some((word) => text.includes(word));
}

/** The group supervisors work second services from. */
export const SUPERVISOR_GROUP = 'supervisors';

/**
 * A low rating (at or below the tenant's low-rating threshold, FeedbackSettingsChanged) or a negative comment earns the customer a
 * second service: the ticket reopens by policy with the rating attached and is escalated to the
 * supervisors' group (SecondServiceRequested + TicketReopened + TicketEscalated, one decision and
 * one append, so a crash cannot leave it reopened but not escalated).
 *
 * Idempotent through the ticket: a redelivered rating finds the second service already granted
 * (the decider grants it once per ticket) and does nothing.
 */
@Injectable()
export class SecondServicePolicy extends EventPolicy {
  protected readonly consumer = { groupId: 'feedback.second-service', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(FEEDBACK_CLOCK) private readonly clock: Clock,
    private readonly settings: FeedbackSettingsService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!SatisfactionRated.is(event)) return;
    const { ticketId, surveyId, rating, comment } = event.data;
    const { lowRatingThreshold } = (await this.settings.load(event.tenantId)).settings.surveys;
    const dissatisfied = rating <= lowRatingThreshold;
    const negative = isNegativeComment(comment);
    if (!dissatisfied && !negative) return;
    const metadata = reactionMetadata(event, new Date(this.clock()).toISOString());
    const { state } = await aggregateStream(this.store, streamId('ticket', ticketId), ticketDecider.evolve, ticketDecider.initialState);
    // Redelivered (or granted before): the ticket already had its second service.
    if (!ticketExists(state) || state.secondServiceRequested) return;
    const why = dissatisfied ? `rated ${rating}/${SATISFACTION_SCALE.max}` : 'negative comment';
    try {
      await handleCommand({
        store: this.store,
        streamId: streamId('ticket', ticketId),
        decider: ticketDecider,
        command: {
          type: 'RequestSecondService',
          ticketId,
          metadata,
          data: { reason: 'low_rating', surveyId, rating, targetGroupId: SUPERVISOR_GROUP, note: `Second service: customer ${why}${comment ? `: "${comment.slice(0, 500)}"` : ''}` },
        },
        validate: validateNewEvent,
      });
    } catch (error) {
      if (error instanceof SecondServiceAlreadyRequestedError) return; // granted concurrently
      throw error;
    }
  }
}
