import { AgentPresenceChanged, AgentProfileSet, AgentRegistered, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { loadSettings } from '../settings/routing-settings.projection';
import { routingTimers as timers } from '../timers/routing-timer.entity';
import { AgentRosterEntry } from './agent-roster.entity';

const agentSubject = (tenantId: string, agentId: string) => `${tenantId}.${agentId}`;

/**
 * Agents as assignment sees them. Side effects are timers written in the same transaction: an agent
 * coming online or gaining capacity schedules a dispatch; going away or offline schedules the
 * hand-back check after the tenant's grace period (cancelled if they come back first).
 */
export const agentRosterProjection: Projection = {
  name: 'routing.agent-roster',
  categories: ['agent'],
  handles: [AgentRegistered.type, AgentPresenceChanged.type, AgentProfileSet.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const at = Date.parse(event.occurredAt);
    const tenantId = event.tenantId;
    if (AgentRegistered.is(event)) {
      const { agentId, name, skills, languages, capacity } = event.data;
      await manager.upsert(
        AgentRosterEntry,
        {
          tenantId, agentId, name, languages, capacity, presence: 'offline', presenceSince: new Date(at),
          skillLevels: Object.fromEntries(skills.map((s) => [s, 1])), seniority: 2, channelCapacity: {}, lastAssignedAt: null,
        },
        ['tenantId', 'agentId'],
      );
      return;
    }
    if (AgentProfileSet.is(event)) {
      const { agentId, skills, languages, seniority, channelCapacity, defaultCapacity } = event.data;
      await manager.update(AgentRosterEntry, { tenantId, agentId }, {
        skillLevels: Object.fromEntries(skills.map((s) => [s.groupId, s.level])),
        languages,
        seniority,
        channelCapacity: Object.fromEntries(channelCapacity.map((c) => [c.channel, c.capacity])),
        capacity: defaultCapacity,
      });
      await timers.scheduleNoLaterThan(manager, { kind: 'dispatch', tenantId, subject: tenantId, dueAt: at });
      return;
    }
    if (AgentPresenceChanged.is(event)) {
      const { agentId, presence } = event.data;
      await manager.update(AgentRosterEntry, { tenantId, agentId }, { presence, presenceSince: new Date(at) });
      const subject = agentSubject(tenantId, agentId);
      if (presence === 'online') {
        await timers.cancel(manager, 'hand_back', subject);
        await timers.scheduleNoLaterThan(manager, { kind: 'dispatch', tenantId, subject: tenantId, dueAt: at });
      } else {
        const { handBackAfterMinutes } = await loadSettings(manager, tenantId);
        await timers.schedule(manager, { kind: 'hand_back', tenantId, subject, dueAt: at + handBackAfterMinutes * 60_000 });
      }
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(AgentRosterEntry);
    await timers.cancelKinds(manager, ['hand_back']);
  },
};
