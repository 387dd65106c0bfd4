import { TicketOpened, TicketReclassified, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { TrainingExample } from './training-example.entity';

/** Agents' corrections (TicketReclassified by a person) joined with the text they correct. */
export const trainingDataProjection: Projection = {
  name: 'intake.classification-training',
  categories: ['ticket'],
  handles: [TicketOpened.type, TicketReclassified.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (TicketOpened.is(event)) {
      const { ticketId, subject, text } = event.data;
      await manager.upsert(
        TrainingExample,
        { ticketId, tenantId: event.tenantId, subject, text, category: null, subcategory: null, priority: null, complaint: null, corrected: false, correctedAt: null },
        ['ticketId'],
      );
      return;
    }
    if (TicketReclassified.is(event)) {
      // A rule or model changing its mind is not a correction; an agent or supervisor is.
      if (event.actor.kind !== 'agent' && event.actor.kind !== 'supervisor') return;
      const { ticketId, category, subcategory, priority, complaint } = event.data;
      await manager.update(
        TrainingExample,
        { ticketId, tenantId: event.tenantId },
        { category, subcategory: subcategory ?? null, priority, complaint, corrected: true, correctedAt: new Date(event.occurredAt) },
      );
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TrainingExample);
  },
};
