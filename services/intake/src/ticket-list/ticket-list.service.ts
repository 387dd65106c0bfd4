import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TicketSummary } from './ticket-summary.entity';
import type { TicketListQuery } from './ticket-list.query';

@Injectable()
export class TicketListService {
  constructor(@InjectRepository(TicketSummary) private readonly summaries: Repository<TicketSummary>) {}

  async find(tenantId: string, query: TicketListQuery): Promise<{ tickets: TicketSummary[]; total: number }> {
    const [tickets, total] = await this.summaries.findAndCount({
      where: { tenantId, ...(query.status ? { status: query.status } : {}), ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}) },
      order: { updatedAt: 'DESC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return { tickets, total };
  }
}
