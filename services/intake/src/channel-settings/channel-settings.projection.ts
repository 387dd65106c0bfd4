import { TenantChannelSettingsChanged, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { TenantChannels } from './channel-settings.entity';

/** The tenant_channels table, folded from each tenant's `channels-<tenantId>` stream. */
export const channelSettingsProjection: Projection = {
  name: 'intake.channel-settings',
  categories: ['channels'],
  handles: [TenantChannelSettingsChanged.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!TenantChannelSettingsChanged.is(event)) return;
    const current = await manager.findOneBy(TenantChannels, { tenantId: event.tenantId });
    if (current && current.revision >= event.streamPosition) return;
    const { webhookEndpoints, webhookSecret, smtp, mailboxes, staffNotices } = event.data;
    await manager.upsert(
      TenantChannels,
      {
        tenantId: event.tenantId,
        settings: { webhookEndpoints, webhookSecret, smtp, mailboxes, staffNotices: staffNotices ?? null },
        revision: event.streamPosition,
        updatedAt: new Date(event.occurredAt),
        updatedBy: `${event.actor.kind}:${event.actor.id}`,
      },
      ['tenantId'],
    );
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TenantChannels);
  },
};
