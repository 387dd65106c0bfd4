import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NoticeRead, stampEvent, streamId, noticeReadStream, type CommandMetadata } from '@ticketing/contracts';
import type { EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent, type Principal } from '@ticketing/platform';
import { In, IsNull, type FindOptionsWhere, type Repository } from 'typeorm';
import { Notification, NotificationRead } from './notification.entity';

export interface NotificationView {
  notificationId: string;
  ticketId: string;
  source: string;
  kind: string;
  target: string | null;
  recipientRole: string;
  recipientId: string | null;
  escalationLevel: number;
  reason: string;
  occurredAt: string;
  readAt: string | null;
}

/** Staff who receive notices addressed to no one in particular (every supervisor of the tenant). */
const receivesSupervisorNotices = (principal: Principal) => ['supervisor', 'manager', 'admin'].includes(principal.role);

/** The caller's inbox: notices to them by id, and to every supervisor when they are one; always within their tenant. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notices: Repository<Notification>,
    @InjectRepository(NotificationRead) private readonly reads: Repository<NotificationRead>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private addressedTo(principal: Principal): FindOptionsWhere<Notification>[] {
    const mine: FindOptionsWhere<Notification> = { tenantId: principal.tenantId, recipientId: principal.actor.id };
    return receivesSupervisorNotices(principal) ? [mine, { tenantId: principal.tenantId, recipientId: IsNull() }] : [mine];
  }

  async inbox(principal: Principal, unreadOnly = false): Promise<NotificationView[]> {
    const rows = await this.notices.find({ where: this.addressedTo(principal), order: { occurredAt: 'DESC' }, take: 200 });
    const reads = rows.length === 0 ? [] : await this.reads.findBy({ readerId: principal.actor.id, notificationId: In(rows.map((r) => r.notificationId)) });
    const readAt = new Map(reads.map((r) => [r.notificationId, r.readAt.toISOString()]));
    return rows
      .map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), readAt: readAt.get(r.notificationId) ?? null }))
      .filter((n) => !unreadOnly || n.readAt === null)
      .map(({ tenantId: _tenant, ...view }) => view);
  }

  /** Marks a notice read for the caller (an event, so the inbox stays rebuildable); a notice not addressed to them does not exist. */
  async markRead(principal: Principal, notificationId: string, metadata: CommandMetadata): Promise<{ notificationId: string; readAt: string }> {
    const notice = await this.notices.findOne({ where: this.addressedTo(principal).map((where) => ({ ...where, notificationId })) });
    if (!notice) throw new NotFoundException(`notification ${notificationId} not found`);
    const already = await this.reads.findOneBy({ notificationId, readerId: principal.actor.id });
    if (already) return { notificationId, readAt: already.readAt.toISOString() };
    const event = stampEvent(NoticeRead, metadata, { noticeId: notificationId, readerId: principal.actor.id });
    validateNewEvent(event);
    await this.store.appendToStream(streamId(noticeReadStream, `${principal.tenantId}.${principal.actor.id}`), [event], { expectedRevision: 'any' });
    return { notificationId, readAt: metadata.now };
  }
}
