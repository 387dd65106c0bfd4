import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TicketMerged, topicForCategory, type CommandMetadata, type EventEnvelope, type TicketMergedData } from '@ticketing/contracts';
import type { BusSubscription, EventBus } from '@ticketing/messaging';
import { EVENT_BUS } from '@ticketing/platform';
import { TicketDomainError } from '@ticketing/ticket';
import { TicketActionsService } from '../ticket-actions.service';

/**
 * A merge is two appends (source, then target). The source's TicketMerged drives the target side,
 * so a crash between them is repaired on redelivery; recording it twice on the target is a no-op.
 */
@Injectable()
export class MergeCompletion implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MergeCompletion.name);
  private subscription?: BusSubscription;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly actions: TicketActionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe(
      { groupId: 'resolution.merge-completion', topics: [topicForCategory('ticket')], fromBeginning: true },
      (event) => this.handle(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!TicketMerged.is(event) || event.data.ticketId !== event.data.sourceTicketId) return;
    const { ticketId: _source, ...data } = event.data;
    await this.recordOnTarget(
      { ...data },
      { tenantId: event.tenantId, actor: event.actor, correlationId: event.correlationId, causationId: event.eventId, now: new Date().toISOString() },
    );
  }

  async recordOnTarget(data: Omit<TicketMergedData, 'ticketId'>, metadata: CommandMetadata): Promise<void> {
    try {
      await this.actions.act(data.targetTicketId, (m) => ({ type: 'MergeTicket', ticketId: data.targetTicketId, metadata: m, data }), metadata);
    } catch (error) {
      // The target ended meanwhile (closed, merged itself): the source's history still names it.
      if (!(error instanceof TicketDomainError)) throw error;
      this.logger.warn(`merge of ${data.sourceTicketId} not recorded on ${data.targetTicketId}: ${error.message}`);
    }
  }
}
