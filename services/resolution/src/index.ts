import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { Notification, NotificationRead } from './notifications/notification.entity';
import { notificationsProjection } from './notifications/notifications.projection';
import { ResolutionModule } from './resolution.module';
import { TimelineEntry } from './timeline/timeline-entry.entity';
import { timelineProjection } from './timeline/timeline.projection';
import { WorkItem } from './work-list/work-item.entity';
import { workItemsProjection } from './work-list/work-items.projection';

export const resolutionService: ServiceDescriptor = {
  name: 'resolution',
  module: ResolutionModule,
  grpc: { packageName: 'ticketing.resolution.v1', protoPath: protoPath('resolution') },
  entities: [WorkItem, TimelineEntry, Notification, NotificationRead],
  projections: [workItemsProjection, timelineProjection, notificationsProjection],
};

export { ResolutionTimers, RESOLUTION_CLOCK } from './timers/resolution-timers';
export { CompensationIssuer, idempotencyKeyOf } from './compensating/compensation-issuer';
export { HttpCompensationGateway, COMPENSATION_GATEWAY, type CompensationGateway } from './compensating/compensation-gateway';
