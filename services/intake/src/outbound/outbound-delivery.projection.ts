import { DeliveryAttempted, DeliveryFailed, DeliveryRequested, MessageDelivered, StaffNoticeRequested, StaffNoticeUndeliverable, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { OutboundDelivery } from './outbound-delivery.entity';

export const outboundDeliveryProjection: Projection = {
  name: 'intake.outbound-deliveries',
  categories: ['delivery'],
  handles: [DeliveryRequested.type, StaffNoticeRequested.type, StaffNoticeUndeliverable.type, DeliveryAttempted.type, MessageDelivered.type, DeliveryFailed.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const at = new Date(event.occurredAt);
    if (DeliveryRequested.is(event)) {
      const d = event.data;
      await manager.save(OutboundDelivery, {
        deliveryId: d.deliveryId,
        tenantId: event.tenantId,
        ticketId: d.ticketId,
        kind: d.kind,
        channel: d.channel,
        transport: d.transport,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        lastError: null,
        requestedAt: at,
        updatedAt: at,
      });
      return;
    }
    // Staff notices are listed with the ticket's deliveries, on the pseudo-channel `staff`.
    if (StaffNoticeRequested.is(event) || StaffNoticeUndeliverable.is(event)) {
      const d = event.data;
      const undeliverable = StaffNoticeUndeliverable.is(event);
      await manager.save(OutboundDelivery, {
        deliveryId: d.deliveryId,
        tenantId: event.tenantId,
        ticketId: d.ticketId,
        kind: d.kind,
        channel: 'staff',
        transport: undeliverable ? 'none' : event.data.transport,
        status: undeliverable ? 'undeliverable' : 'pending',
        attempts: 0,
        nextAttemptAt: undeliverable ? null : at,
        lastError: undeliverable ? event.data.reason : null,
        requestedAt: at,
        updatedAt: at,
      });
      return;
    }
    if (DeliveryAttempted.is(event)) {
      const { deliveryId, attempt, outcome, detail, nextAttemptAt } = event.data;
      await manager.update(OutboundDelivery, { deliveryId }, {
        attempts: attempt,
        nextAttemptAt: nextAttemptAt ? new Date(nextAttemptAt) : null,
        lastError: outcome === 'failed' ? detail : null,
        updatedAt: at,
      });
      return;
    }
    if (MessageDelivered.is(event)) await manager.update(OutboundDelivery, { deliveryId: event.data.deliveryId }, { status: 'delivered', nextAttemptAt: null, updatedAt: at });
    if (DeliveryFailed.is(event)) {
      await manager.update(OutboundDelivery, { deliveryId: event.data.deliveryId }, { status: 'failed', nextAttemptAt: null, lastError: event.data.lastError, updatedAt: at });
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(OutboundDelivery);
  },
};
