import { Inject, Injectable } from '@nestjs/common';
import { TicketOpened, streamId, type CommandMetadata, type EventEnvelope, type SelfServicePort } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent, type PolicyConsumer } from '@ticketing/platform';
import { ticketDecider, ticketExists, type TicketCommand, type TicketState } from '@ticketing/ticket';
import { v5 as uuidv5 } from 'uuid';
import { InProcessSelfService } from '../self-service/self-service.adapters';
import { ClassificationService } from './classification.service';

const OFFER_NAMESPACE = 'b3a4f0a2-5c1e-4d59-9f57-4c0e2f3d8a61';

/**
 * Intake's reaction to a new ticket: classify it (tenant rules, then the tenant's model) and append
 * TicketClassified; then, on instant channels, ask knowledge for a self-service answer and offer it
 * when the tenant allows it for that category and knowledge is sure enough. Routing is not held
 * back meanwhile: an accepted offer resolves the ticket wherever it is.
 *
 * Idempotent through the ticket's own state: a redelivered TicketOpened finds the ticket classified
 * (and the offer, whose id is derived from the ticket, already made) and decides nothing.
 */
@Injectable()
export class ClassifyOnOpenPolicy extends EventPolicy {
  protected readonly consumer: PolicyConsumer = { groupId: 'intake.classification', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(InProcessSelfService) private readonly selfService: SelfServicePort,
    private readonly classification: ClassificationService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!TicketOpened.is(event)) return;
    const { ticketId, subject, text, channel, channelClass, customerTier } = event.data;
    const metadata: CommandMetadata = {
      tenantId: event.tenantId,
      actor: { kind: 'service', id: 'intake' },
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: new Date().toISOString(),
    };
    const stream = streamId('ticket', ticketId);
    const c = await this.classification.classify(event.tenantId, { subject, text, channel, customerTier });
    await this.run(stream, {
      type: 'ClassifyTicket',
      ticketId,
      metadata,
      data: {
        category: c.category,
        priority: c.priority,
        complaint: c.complaint,
        source: c.source,
        confidence: Number(c.confidence.toFixed(4)),
        tags: c.tags,
        language: c.language,
        needsTriage: c.needsTriage,
        suggestedCategory: c.suggestedCategory,
        subcategory: c.subcategory,
      },
    });
    eventsConsumed.inc({ consumer: 'intake.classification', outcome: c.needsTriage ? 'triage' : c.source });

    if (channelClass !== 'instant') return;
    const settings = await this.classification.settingsFor(event.tenantId);
    if (!settings.selfServiceEnabled || c.needsTriage || !settings.selfServiceCategories.includes(c.category)) return;
    const answer = await this.selfService.answer(event.tenantId, `${subject}\n${text}`, c.language);
    if (!answer || answer.confidence < settings.selfServiceMinConfidence) return;
    await this.run(stream, {
      type: 'OfferSelfServiceAnswer',
      ticketId,
      metadata,
      data: { offerId: uuidv5(`${event.tenantId}\u0000${ticketId}`, OFFER_NAMESPACE), articleId: answer.articleId, answer: answer.answer, confidence: answer.confidence },
    });
    this.logger.log(`ticket ${ticketId}: offered article ${answer.articleId} (${answer.confidence.toFixed(2)})`);
  }

  private async run(stream: string, command: TicketCommand): Promise<void> {
    await handleCommand({ store: this.store, streamId: stream, decider: onceOnly, command, validate: validateNewEvent });
  }
}

/** The ticket decider, except that what this policy already did (or what an agent did first: a
 * manual classification, a reply, the ticket already done) is left alone instead of refused. */
const onceOnly = {
  ...ticketDecider,
  decide: (command: TicketCommand, state: TicketState) => {
    if (!ticketExists(state) || !['new', 'open', 'pending_customer', 'pending_third_party'].includes(state.status)) return [];
    if (command.type === 'ClassifyTicket' && state.category !== null) return [];
    if (command.type === 'OfferSelfServiceAnswer' && (state.selfServiceOffer !== null || state.agentReplyCount > 0)) return [];
    return ticketDecider.decide(command, state);
  },
};
