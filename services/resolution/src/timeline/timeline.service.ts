import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Principal } from '@ticketing/platform';
import { TicketNotFoundError, type Ticket } from '@ticketing/ticket';
import { In, type Repository } from 'typeorm';
import { WorkItem } from '../work-list/work-item.entity';
import { TimelineEntry } from './timeline-entry.entity';

export interface TimelineItem {
  ticketId: string;
  position: number;
  type: string;
  occurredAt: string;
  actor: { kind: string; id: string };
  visibility: 'customer' | 'internal';
  data: unknown;
}

/** A ticket's timeline, including the tickets merged into it; customers see only their own
 * tickets and only customer-visible entries (never internal notes, tasks or approvals). */
@Injectable()
export class TimelineService {
  constructor(
    @InjectRepository(TimelineEntry) private readonly entries: Repository<TimelineEntry>,
    @InjectRepository(WorkItem) private readonly items: Repository<WorkItem>,
  ) {}

  async timeline(ticketId: string, principal: Principal): Promise<{ ticketId: string; entries: TimelineItem[] }> {
    const item = await this.items.findOneBy({ ticketId, tenantId: principal.tenantId });
    if (!item) throw new TicketNotFoundError(ticketId);
    const ticket = item.state as Ticket;
    const customer = principal.role === 'customer';
    if (customer && ticket.customerId !== principal.actor.id && !(item.openedBy.kind === 'customer' && item.openedBy.id === principal.actor.id)) {
      throw new TicketNotFoundError(ticketId);
    }
    const rows = await this.entries.find({
      where: { tenantId: principal.tenantId, ticketId: In([ticketId, ...ticket.mergedFrom]), ...(customer ? { visibility: 'customer' as const } : {}) },
      order: { occurredAt: 'ASC', position: 'ASC' },
    });
    return {
      ticketId,
      entries: rows.map((r) => ({
        ticketId: r.ticketId,
        position: r.position,
        type: r.type,
        occurredAt: r.occurredAt.toISOString(),
        actor: r.actor,
        visibility: r.visibility,
        data: r.data,
      })),
    };
  }
}
