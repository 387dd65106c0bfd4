import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { streamId } from '@ticketing/contracts';
import type { EventStore } from '@ticketing/eventstore';
import { EVENT_STORE } from '@ticketing/platform';
import { ticketDecider } from '@ticketing/ticket';

export interface SatisfactionView {
  ticketId: string;
  surveySent: boolean;
  rating: number | null;
  ratedAt: string | null;
}

/** A ticket's survey state, folded from its stream (surveys and ratings are ticket events). */
@Injectable()
export class SatisfactionService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async forTicket(ticketId: string, tenantId: string): Promise<SatisfactionView> {
    const events = await this.store.readStream(streamId('ticket', ticketId));
    if (events.length === 0 || events[0].tenantId !== tenantId) throw new NotFoundException(`ticket ${ticketId} not found`);
    const state = events.reduce(ticketDecider.evolve, ticketDecider.initialState());
    const survey = 'survey' in state ? state.survey : null;
    return { ticketId, surveySent: survey !== null, rating: survey?.rating ?? null, ratedAt: survey?.ratedAt ?? null };
  }
}
