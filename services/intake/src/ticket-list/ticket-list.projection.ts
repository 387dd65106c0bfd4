import { ticketEventDefinitions, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import { ticketDecider, ticketExists, type TicketState } from '@ticketing/ticket';
import type { EntityManager } from 'typeorm';
import { TicketSummary } from './ticket-summary.entity';

/** Keeps one summary row per ticket by folding each event with the ticket decider's own evolve. */
export const ticketListProjection: Projection = {
  name: 'intake.ticket-list',
  categories: ['ticket'],
  handles: ticketEventDefinitions.map((d) => d.type),

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const ticketId = event.streamId.slice('ticket-'.length);
    const existing = await manager.findOneBy(TicketSummary, { ticketId });
    const before = (existing?.state as TicketState | undefined) ?? ticketDecider.initialState();
    const state = ticketDecider.evolve(before, event);
    if (!ticketExists(state)) return;
    await manager.save(TicketSummary, {
      ticketId,
      tenantId: event.tenantId,
      status: state.status,
      channel: state.channel,
      subject: state.subject,
      customerId: state.customerId,
      priority: state.priority,
      category: state.category,
      assigneeId: state.assigneeId,
      revision: event.streamPosition,
      openedAt: existing?.openedAt ?? new Date(event.occurredAt),
      updatedAt: new Date(event.occurredAt),
      state,
    });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TicketSummary);
  },
};
