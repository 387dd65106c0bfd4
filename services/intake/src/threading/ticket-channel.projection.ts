import { ConversationTicketLinked, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { TicketChannel } from './ticket-channel.entity';

/** Ticket → its conversation and the customer's address on that channel (for replies and `[#ref]` lookups). */
export const ticketChannelProjection: Projection = {
  name: 'intake.ticket-channels',
  categories: ['conversation'],
  handles: [ConversationTicketLinked.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!ConversationTicketLinked.is(event)) return;
    const { data } = event;
    await manager.save(TicketChannel, {
      ticketId: data.ticketId,
      tenantId: event.tenantId,
      channel: data.channel,
      customerHandle: data.customerHandle,
      keyKind: data.keyKind,
      conversationKey: data.conversationKey,
      previousTicketId: data.previousTicketId,
      linkedAt: new Date(event.occurredAt),
    });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(TicketChannel);
  },
};
