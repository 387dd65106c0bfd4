import { Inject, Injectable } from '@nestjs/common';
import { resolutionNoticeStream, routingNoticeStream, streamId, type EventEnvelope } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent, type PolicyConsumer } from '@ticketing/platform';
import { ChannelSettingsService } from '../channel-settings/channel-settings.service';
import { deliveryDecider, type DeliveryCommand } from '../outbound/delivery.decider';
import { OUTBOUND_CONFIG, type OutboundConfig } from '../outbound/outbound.config';
import { intakeReaction } from '../reaction-metadata';
import { deliveryIdFor } from '../threading/thread-keys';
import { destinationFor, staffNoticeOf, staffNoticeText } from './staff-notice';

const CONSUMER = 'intake.staff-notices';

/**
 * Notices to staff leave the platform here. Routing's RoutingNoticeSent (`routingnotice-…`) and
 * resolution's ResolutionNoticeSent (`resolutionnotice-…`) each become one delivery on
 * `delivery-<uuidv5(tenant, notice event id)>`, which the DeliveryWorker attempts with retries and
 * backoff like a customer message; a redelivered notice finds its delivery stream already written
 * and decides nothing. A notice nobody configured a destination for is recorded as
 * StaffNoticeUndeliverable with the reason, once, and never attempted.
 */
@Injectable()
export class StaffNoticePolicy extends EventPolicy {
  protected readonly consumer: PolicyConsumer = { groupId: CONSUMER, categories: [routingNoticeStream, resolutionNoticeStream] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(OUTBOUND_CONFIG) private readonly config: OutboundConfig,
    private readonly channelSettings: ChannelSettingsService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    const notice = staffNoticeOf(event);
    if (!notice) return;
    const deliveryId = deliveryIdFor(event.tenantId, event.eventId);
    const stream = streamId('delivery', deliveryId);
    // Redelivered: the delivery exists; no settings lookup, no second decision.
    if ((await this.store.readStream(stream, { maxCount: 1 })).length > 0) {
      eventsConsumed.inc({ consumer: CONSUMER, outcome: 'duplicate' });
      return;
    }
    const [tenant, tenantSmtp] = await Promise.all([this.channelSettings.staffNoticesFor(event.tenantId), this.channelSettings.smtpFor(event.tenantId)]);
    const destination = destinationFor(notice, {
      tenant: tenant?.settings ?? null,
      smtp: tenantSmtp !== null || this.config.smtp !== null,
      deployment: this.config.staffNotices,
    });
    const metadata = intakeReaction(event);
    const { noticeType, ticketId, kind, target, recipientRole, recipientId, escalationLevel, reason } = notice;
    const base = { deliveryId, ticketId, sourceEventId: event.eventId, noticeType, kind, recipientRole, recipientId };
    const command: DeliveryCommand =
      destination.transport === null
        ? { type: 'RecordStaffNoticeUndeliverable', metadata, data: { ...base, reason: destination.problem } }
        : {
            type: 'RequestStaffNotice',
            metadata,
            data: { ...base, target, escalationLevel, reason, transport: destination.transport, address: destination.address, text: staffNoticeText(notice), maxAttempts: this.config.maxAttempts },
          };
    const result = await handleCommand({ store: this.store, streamId: stream, decider: deliveryDecider, command, validate: validateNewEvent });
    const outcome = result.newEvents.length === 0 ? 'duplicate' : destination.transport ?? 'undeliverable';
    if (destination.transport === null && result.newEvents.length > 0) this.logger.warn(`${kind} notice for ticket ${ticketId} undeliverable: ${destination.problem}`);
    eventsConsumed.inc({ consumer: CONSUMER, outcome });
  }
}
