import { AgentPresenceChanged, AgentRegistered, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { AgentRosterEntry } from './agent-roster.entity';
import { TicketAssignment } from './ticket-assignment.entity';

/** Ticket events after which the ticket no longer occupies its agent. */
const RELEASING = ['TicketUnassigned', 'TicketResolved', 'TicketClosed', 'TicketMerged'];

export const agentRosterProjection: Projection = {
  name: 'routing.agent-roster',
  categories: ['agent', 'ticket'],
  handles: [AgentRegistered.type, AgentPresenceChanged.type, 'TicketAssigned', 'TicketTransferred', ...RELEASING],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (AgentRegistered.is(event)) {
      const { agentId, name, skills, languages, capacity } = event.data;
      await manager.upsert(
        AgentRosterEntry,
        { tenantId: event.tenantId, agentId, name, skills, languages, capacity, presence: 'offline', openTickets: 0, lastAssignedAt: null },
        ['tenantId', 'agentId'],
      );
      return;
    }
    if (AgentPresenceChanged.is(event)) {
      await manager.update(AgentRosterEntry, { tenantId: event.tenantId, agentId: event.data.agentId }, { presence: event.data.presence });
      return;
    }
    const data = event.data as { ticketId: string; agentId?: string; toAgentId?: string | null };
    if (event.type === 'TicketAssigned' || event.type === 'TicketTransferred') {
      await release(manager, event.tenantId, data.ticketId);
      const agentId = event.type === 'TicketAssigned' ? data.agentId : data.toAgentId;
      if (agentId) await hold(manager, event.tenantId, data.ticketId, agentId, new Date(event.occurredAt));
      return;
    }
    if (RELEASING.includes(event.type)) await release(manager, event.tenantId, data.ticketId);
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TicketAssignment);
    await manager.clear(AgentRosterEntry);
  },
};

async function hold(manager: EntityManager, tenantId: string, ticketId: string, agentId: string, at: Date): Promise<void> {
  await manager.insert(TicketAssignment, { ticketId, tenantId, agentId });
  await manager
    .createQueryBuilder()
    .update(AgentRosterEntry)
    .set({ openTickets: () => '"openTickets" + 1', lastAssignedAt: at })
    .where({ tenantId, agentId })
    .execute();
}

async function release(manager: EntityManager, tenantId: string, ticketId: string): Promise<void> {
  const held = await manager.findOneBy(TicketAssignment, { ticketId, tenantId });
  if (!held) return;
  await manager.delete(TicketAssignment, { ticketId, tenantId });
  await manager
    .createQueryBuilder()
    .update(AgentRosterEntry)
    .set({ openTickets: () => 'GREATEST("openTickets" - 1, 0)' })
    .where({ tenantId, agentId: held.agentId })
    .execute();
}
