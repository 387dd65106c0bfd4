import { NoticeRead, noticeReadStream, resolutionNoticeStream, ResolutionNoticeSent, routingNoticeStream, RoutingNoticeSent, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { Notification, NotificationRead } from './notification.entity';

/** The notifications inbox: routing's and resolution's notices (one shape) and who read them. */
export const notificationsProjection: Projection = {
  name: 'resolution.notifications',
  categories: [resolutionNoticeStream, routingNoticeStream, noticeReadStream],
  handles: [ResolutionNoticeSent.type, RoutingNoticeSent.type, NoticeRead.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (NoticeRead.is(event)) {
      const { noticeId, readerId } = event.data;
      await manager.createQueryBuilder().insert().into(NotificationRead)
        .values({ notificationId: noticeId, readerId, tenantId: event.tenantId, readAt: new Date(event.occurredAt) })
        .orIgnore()
        .execute();
      return;
    }
    if (!ResolutionNoticeSent.is(event) && !RoutingNoticeSent.is(event)) return;
    const { ticketId, kind, target, recipientRole, recipientId, escalationLevel, reason } = event.data;
    await manager.save(Notification, {
      notificationId: event.eventId,
      tenantId: event.tenantId,
      ticketId,
      source: ResolutionNoticeSent.is(event) ? 'resolution' : 'routing',
      kind,
      target,
      recipientRole,
      recipientId,
      escalationLevel,
      reason,
      occurredAt: new Date(event.occurredAt),
    });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(NotificationRead);
    await manager.clear(Notification);
  },
};
