import { RoutingSettingsChanged, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { routingTimers as timers } from '../timers/routing-timer.entity';
import { RoutingSettingsRow } from './routing-settings.entity';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from './routing-settings';

export const routingSettingsProjection: Projection = {
  name: 'routing.settings',
  categories: ['routing'],
  handles: [RoutingSettingsChanged.type],
  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!RoutingSettingsChanged.is(event)) return;
    await manager.upsert(RoutingSettingsRow, { tenantId: event.tenantId, settings: event.data }, ['tenantId']);
    // New groups or strategies may let queued tickets move.
    await timers.scheduleNoLaterThan(manager, { kind: 'dispatch', tenantId: event.tenantId, subject: event.tenantId, dueAt: Date.parse(event.occurredAt) });
    // Changed SLA policies move the running clocks of the tenant's live tickets.
    await timers.schedule(manager, { kind: 'sla_retarget', tenantId: event.tenantId, subject: event.tenantId, target: 'policy_changed', dueAt: Date.parse(event.occurredAt) });
  },
  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(RoutingSettingsRow);
  },
};

export async function loadSettings(manager: EntityManager, tenantId: string): Promise<RoutingSettings> {
  const row = await manager.findOneBy(RoutingSettingsRow, { tenantId });
  return row?.settings ?? DEFAULT_ROUTING_SETTINGS;
}
