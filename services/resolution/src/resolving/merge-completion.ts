import { Inject, Injectable } from '@nestjs/common';
import { TicketMerged, type CommandMetadata, type EventEnvelope, type TicketMergedData } from '@ticketing/contracts';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EventPolicy } from '@ticketing/platform';
import { TicketDomainError } from '@ticketing/ticket';
import { TicketActionsService } from '../ticket-actions.service';

/**
 * A merge is two appends (source, then target). The source's TicketMerged drives the target side,
 * so a crash between them is repaired on redelivery; recording it twice on the target is a no-op.
 */
@Injectable()
export class MergeCompletion extends EventPolicy {
  protected readonly consumer = { groupId: 'resolution.merge-completion', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    private readonly actions: TicketActionsService,
  ) {
    super();
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
