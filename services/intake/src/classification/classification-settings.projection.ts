import { ClassificationSettingsChanged, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { IntakeSettings } from './intake-settings.entity';

/** The tenant_settings table, folded from each tenant's `classification-<tenantId>` stream. */
export const classificationSettingsProjection: Projection = {
  name: 'intake.classification-settings',
  categories: ['classification'],
  handles: [ClassificationSettingsChanged.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!ClassificationSettingsChanged.is(event)) return;
    const current = await manager.findOneBy(IntakeSettings, { tenantId: event.tenantId });
    // Events of one stream arrive in order; an older one redelivered after a newer one changes nothing.
    if (current && current.revision >= event.streamPosition) return;
    const { rules, triageThreshold, selfService, taxonomy } = event.data;
    await manager.upsert(
      IntakeSettings,
      {
        tenantId: event.tenantId,
        rules,
        triageThreshold,
        selfServiceEnabled: selfService.enabled,
        selfServiceMinConfidence: selfService.minConfidence,
        selfServiceCategories: selfService.categories,
        taxonomy,
        updatedAt: new Date(event.occurredAt),
        revision: event.streamPosition,
        updatedBy: `${event.actor.kind}:${event.actor.id}`,
      },
      ['tenantId'],
    );
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(IntakeSettings);
  },
};
