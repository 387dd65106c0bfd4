import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { streamId } from '@ticketing/contracts';
import type { EventStore } from '@ticketing/eventstore';
import { EVENT_STORE } from '@ticketing/platform';
import type { Repository } from 'typeorm';
import { OutboundDelivery } from './outbound-delivery.entity';

@Injectable()
export class DeliveriesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectRepository(OutboundDelivery) private readonly deliveries: Repository<OutboundDelivery>,
  ) {}

  /** The ticket's deliveries; 404 for a ticket that is not the tenant's (its existence does not leak). */
  async forTicket(tenantId: string, ticketId: string): Promise<OutboundDelivery[]> {
    const [first] = await this.store.readStream(streamId('ticket', ticketId), { maxCount: 1 });
    if (!first || first.tenantId !== tenantId) throw new NotFoundException(`ticket ${ticketId} not found`);
    return this.deliveries.find({ where: { tenantId, ticketId }, order: { requestedAt: 'ASC' } });
  }
}
