import { CallbackCompleted, CallbackMissed, CallbackScheduled, callbackStream, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { CallbackView } from './callback.entity';

/** Callbacks per tenant, for the work list and the missed list. Every write is idempotent. */
export const callbacksProjection: Projection = {
  name: 'feedback.callbacks',
  categories: [callbackStream],
  handles: [CallbackScheduled.type, CallbackCompleted.type, CallbackMissed.type],
  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const repo = manager.getRepository(CallbackView);
    if (CallbackScheduled.is(event)) {
      const { callbackId, ticketId, customerId, reasons, assignee, dueAt } = event.data;
      await repo.upsert(
        { callbackId, tenantId: event.tenantId, ticketId, customerId, reasons, assignee, dueAt: new Date(dueAt), status: 'scheduled', missed: false },
        { conflictPaths: ['callbackId'], skipUpdateIfNoValuesChanged: true },
      );
    } else if (CallbackCompleted.is(event)) {
      const { callbackId, completedBy, outcome, note } = event.data;
      await repo.update({ callbackId, tenantId: event.tenantId }, { status: 'completed', completedBy, outcome, note, completedAt: new Date(event.occurredAt) });
    } else if (CallbackMissed.is(event)) {
      // A completion is never undone by a (late-delivered) miss.
      await manager.query(
        `UPDATE feedback.callbacks SET missed = true, status = CASE WHEN status = 'completed' THEN status ELSE 'missed' END
          WHERE callback_id = $1 AND tenant_id = $2`,
        [event.data.callbackId, event.tenantId],
      );
    }
  },
  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(CallbackView);
  },
};
