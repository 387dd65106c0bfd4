import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { OutboundDelivery } from './outbound-delivery.entity';

@Injectable()
export class DeliveriesService {
  constructor(@InjectRepository(OutboundDelivery) private readonly deliveries: Repository<OutboundDelivery>) {}

  /** Tenant-scoped: another tenant's ticket simply has no deliveries here. */
  forTicket(tenantId: string, ticketId: string): Promise<OutboundDelivery[]> {
    return this.deliveries.find({ where: { tenantId, ticketId }, order: { requestedAt: 'ASC' } });
  }
}
