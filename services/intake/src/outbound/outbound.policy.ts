import { Inject, Injectable } from '@nestjs/common';
import {
  AgentReplied,
  CustomerInfoRequested,
  ProgressUpdateSent,
  SurveySent,
  streamId,
  type Channel,
  type EventEnvelope,
  type OutboundKind,
} from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent, type PolicyConsumer } from '@ticketing/platform';
import { intakeReaction } from '../reaction-metadata';
import { deliveryIdFor } from '../threading/thread-keys';
import { deliveryDecider } from './delivery.decider';
import { OUTBOUND_CONFIG, type OutboundConfig } from './outbound.config';

interface Outbound {
  kind: OutboundKind;
  messageId: string;
  channel: Channel;
  text: string;
}

/** The ticket events that send something to the customer, and what they send. */
export function outboundOf(event: EventEnvelope): Outbound | null {
  if (AgentReplied.is(event)) return { kind: 'agent_reply', messageId: event.data.messageId, channel: event.data.channel, text: event.data.text };
  if (CustomerInfoRequested.is(event)) return { kind: 'info_request', messageId: event.data.messageId, channel: event.data.channel, text: event.data.text };
  if (ProgressUpdateSent.is(event)) return { kind: 'progress_update', messageId: event.data.messageId, channel: event.data.channel, text: event.data.text };
  if (SurveySent.is(event)) {
    return {
      kind: 'survey',
      messageId: event.data.surveyId,
      channel: event.data.channel,
      // The signed link is added by the worker at send time (SurveyLinks.render): a bearer token never goes into an event.
      text: `How did we do? Reply with a number from 1 (poor) to 5 (excellent), or answer through the link below. Open until ${event.data.expiresAt}.`,
    };
  }
  return null;
}

/**
 * Outbound starts here, not in the reply endpoint: every ticket event that speaks to the customer
 * schedules one delivery (stream id derived from the event id, so a redelivered event finds it
 * already scheduled). The DeliveryWorker then attempts it over the customer's channel.
 */
@Injectable()
export class OutboundPolicy extends EventPolicy {
  protected readonly consumer: PolicyConsumer = { groupId: 'intake.outbound', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(OUTBOUND_CONFIG) private readonly config: OutboundConfig,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    const outbound = outboundOf(event);
    if (!outbound) return;
    const deliveryId = deliveryIdFor(event.tenantId, event.eventId);
    const metadata = intakeReaction(event);
    const ticketId = (event.data as { ticketId: string }).ticketId;
    const result = await handleCommand({
      store: this.store,
      streamId: streamId('delivery', deliveryId),
      decider: deliveryDecider,
      command: {
        type: 'RequestDelivery',
        metadata,
        data: {
          deliveryId,
          ticketId,
          sourceEventId: event.eventId,
          kind: outbound.kind,
          messageId: outbound.messageId,
          channel: outbound.channel,
          transport: outbound.channel === 'email' ? 'smtp' : 'webhook',
          text: outbound.text,
          maxAttempts: this.config.maxAttempts,
        },
      },
      validate: validateNewEvent,
    });
    if (result.newEvents.length > 0) this.logger.log(`delivery ${deliveryId} scheduled: ${outbound.kind} on ${outbound.channel} for ticket ${ticketId}`);
    eventsConsumed.inc({ consumer: 'intake.outbound', outcome: result.newEvents.length > 0 ? 'scheduled' : 'duplicate' });
  }
}
