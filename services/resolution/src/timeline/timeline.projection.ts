import { idOf, ticketEventDefinitions, type EventEnvelope, type TicketEventType } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { TimelineEntry } from './timeline-entry.entity';

/** What the customer may see of their ticket: the conversation and the outcome. Everything else
 * (notes, tasks, approvals, routing, SLA) is internal. */
export const CUSTOMER_VISIBLE: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'TicketOpened',
  'CustomerMessageReceived',
  'AgentReplied',
  'CustomerInfoRequested',
  'ProgressUpdateSent',
  'CompensationApproved',
  'CompensationIssued',
  'TicketResolved',
  'TicketReopened',
  'TicketClosed',
  'TicketMerged',
]);

export const timelineProjection: Projection = {
  name: 'resolution.timeline',
  categories: ['ticket'],
  handles: ticketEventDefinitions.map((d) => d.type),

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await manager.insert(TimelineEntry, {
      eventId: event.eventId,
      tenantId: event.tenantId,
      ticketId: idOf(event.streamId),
      position: event.streamPosition,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      actor: event.actor,
      visibility: CUSTOMER_VISIBLE.has(event.type as TicketEventType) ? 'customer' : 'internal',
      data: event.data as object,
    });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TimelineEntry);
  },
};
