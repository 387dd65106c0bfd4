import type { EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { KpiRebuild, projectKpiBatch } from './kpi-batch';
import { KpiDaily, KpiTicket } from './kpi.entities';

/** Ticket events the KPI fold looks at; the rest only advance a ticket's stream position. */
export const KPI_EVENT_TYPES = [
  'TicketOpened',
  'TicketClassified',
  'TicketReclassified',
  'TicketQueued',
  'TicketAssigned',
  'TicketUnassigned',
  'TicketTransferred',
  'TicketEscalated',
  'SlaClockStarted',
  'SlaBreached',
  'AgentReplied',
  'CustomerInfoRequested',
  'CustomerMessageReceived',
  'CollaborationRequested',
  'CollaborationCompleted',
  'TicketResolved',
  'TicketReopened',
  'TicketClosed',
  'TicketMerged',
  'SurveySent',
  'SatisfactionRated',
  'SelfServiceAnswerOffered',
  'SelfServiceOfferAnswered',
] as const;

/** Live KPIs: each delivered event goes through the batch path as a batch of one. */
export const kpiProjection: Projection = {
  name: 'feedback.kpis',
  categories: ['ticket'],
  handles: KPI_EVENT_TYPES,
  apply: (event: EventEnvelope, manager: EntityManager) => projectKpiBatch([event], manager),
  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(KpiDaily);
    await manager.clear(KpiTicket);
  },
  // Idempotent by each ticket's stream position, so the replay may skip processed-event marks.
  rebuilder: (dataSource) => new KpiRebuild((work) => dataSource.transaction((manager) => work(manager))),
};
