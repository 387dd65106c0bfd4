import { idOf, ticketEventDefinitions, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import { evolve, initialState, ticketExists, type TicketState } from '@ticketing/ticket';
import type { EntityManager } from 'typeorm';
import { WorkItem } from './work-item.entity';

/** Keeps every ticket's folded state for the work list, department queues and the timers. */
export const workItemsProjection: Projection = {
  name: 'resolution.work-items',
  categories: ['ticket'],
  handles: ticketEventDefinitions.map((d) => d.type),

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const ticketId = idOf(event.streamId);
    const existing = await manager.findOneBy(WorkItem, { ticketId });
    const state = evolve((existing?.state as TicketState | undefined) ?? initialState(), event);
    if (!ticketExists(state)) return;
    await manager.save(WorkItem, {
      ticketId,
      tenantId: event.tenantId,
      status: state.status,
      assigneeId: state.assigneeId,
      openedBy: existing?.openedBy ?? event.actor,
      revision: event.streamPosition,
      updatedAt: new Date(event.occurredAt),
      state,
    });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(WorkItem);
  },
};
