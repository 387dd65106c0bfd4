import { Inject, Injectable } from '@nestjs/common';
import { DeliveryFailed, streamId, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent, type PolicyConsumer } from '@ticketing/platform';
import { TicketDomainError, ticketDecider } from '@ticketing/ticket';
import { deliveryDecider } from './delivery.decider';

/** Who puts a failed delivery on the ticket: the platform itself, not a person or another service. */
export const DELIVERY_FAILURE_ACTOR = { kind: 'system', id: 'intake-delivery' } as const;

/**
 * A delivery that failed for good (DeliveryFailed on `delivery-<id>`) also goes on the ticket's own
 * stream as ReplyDeliveryFailed, so the timeline and audit trail show it. The delivery stream stays
 * as it is; the ticket decider records each delivery once, so a redelivered or re-consumed
 * DeliveryFailed changes nothing.
 */
@Injectable()
export class DeliveryFailurePolicy extends EventPolicy {
  protected readonly consumer: PolicyConsumer = { groupId: 'intake.delivery-failures', categories: ['delivery'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!DeliveryFailed.is(event)) return;
    const { state } = await aggregateStream(this.store, event.streamId, deliveryDecider.evolve, deliveryDecider.initialState);
    const request = state.request;
    if (!request || state.tenantId !== event.tenantId) return;
    const metadata: CommandMetadata = {
      tenantId: event.tenantId,
      actor: DELIVERY_FAILURE_ACTOR,
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: event.occurredAt,
    };
    try {
      const result = await handleCommand({
        store: this.store,
        streamId: streamId('ticket', request.ticketId),
        decider: ticketDecider,
        command: {
          type: 'RecordReplyDeliveryFailure',
          ticketId: request.ticketId,
          metadata,
          data: {
            deliveryId: request.deliveryId,
            messageId: request.messageId,
            kind: request.kind,
            channel: request.channel,
            transport: request.transport,
            attempts: event.data.attempts,
            reason: event.data.lastError,
          },
        },
        validate: validateNewEvent,
      });
      eventsConsumed.inc({ consumer: 'intake.delivery-failures', outcome: result.newEvents.length > 0 ? 'recorded' : 'duplicate' });
    } catch (error) {
      // A merged or vanished ticket cannot take the event; the delivery stream still tells the story.
      if (!(error instanceof TicketDomainError)) throw error;
      this.logger.warn(`delivery ${request.deliveryId} failed but ticket ${request.ticketId} cannot record it: ${error.message}`);
      eventsConsumed.inc({ consumer: 'intake.delivery-failures', outcome: 'skipped' });
    }
  }
}
