import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { streamId, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { ticketDecider, TicketAlreadyExistsError, type TicketState } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import type { OpenTicketRequest } from './opening-ticket/open-ticket.request';
import { CustomersService } from './customers/customers.service';
import { ticketIdFor } from './opening-ticket/ticket-identity';

export interface TicketDetails {
  ticketId: string;
  revision: number;
  state: TicketState;
  history: Array<Pick<EventEnvelope, 'eventId' | 'type' | 'streamPosition' | 'occurredAt' | 'actor' | 'correlationId' | 'data'>>;
}

@Injectable()
export class TicketsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly customers: CustomersService,
  ) {}

  /** Opens a ticket, or returns the one a previous try of the same submission opened. */
  async open(submitted: OpenTicketRequest, metadata: CommandMetadata, idempotencyKey?: string): Promise<{ ticket: TicketDetails; created: boolean }> {
    // A customer speaks only for themselves: who they are and their tier come from identity
    // resolution, never from their own request (else anyone could claim VIP or another's id).
    const request = metadata.actor.kind === 'customer' ? { ...submitted, customerId: undefined, customerTier: undefined } : submitted;
    const ticketId = ticketIdFor(metadata.tenantId, { channel: request.channel, channelMessageId: request.channelMessageId, idempotencyKey });
    // The handle's customer (registered on first contact) and their tier, for routing's VIP lane.
    const customer = await this.customers.resolve(metadata, request);
    try {
      await handleCommand({
        store: this.store,
        streamId: streamId('ticket', ticketId),
        decider: ticketDecider,
        command: {
          type: 'OpenTicket',
          ticketId,
          metadata,
          data: {
            channel: request.channel,
            channelMessageId: request.channelMessageId ?? `${request.channel}:${ticketId}`,
            customerId: customer.customerId,
            customerTier: request.customerTier ?? customer.tier,
            subject: request.subject,
            text: request.text,
            orderNumber: request.orderNumber ?? null,
            language: request.language ?? 'und',
            attachments: (request.attachments ?? []).map((a) => ({
              attachmentId: uuidv7(),
              fileName: a.filename,
              contentType: a.contentType,
              sizeBytes: a.sizeBytes,
              storageRef: a.url,
            })),
          },
        },
        validate: validateNewEvent,
      });
      return { ticket: await this.get(ticketId, metadata.tenantId), created: true };
    } catch (error) {
      if (!(error instanceof TicketAlreadyExistsError)) throw error;
      // Same submission again: the tenant check in get() keeps a colliding id of another tenant out.
      return { ticket: await this.get(ticketId, metadata.tenantId), created: false };
    }
  }

  /** State and full history, optionally as of a revision; 404 for another tenant's ticket. */
  async get(ticketId: string, tenantId: string, untilRevision?: number): Promise<TicketDetails> {
    const stream = streamId('ticket', ticketId);
    const events = await this.store.readStream(stream, untilRevision === undefined ? undefined : { maxCount: untilRevision + 1 });
    if (events.length === 0 || events[0].tenantId !== tenantId) throw new NotFoundException(`ticket ${ticketId} not found`);
    const state = events.reduce(ticketDecider.evolve, ticketDecider.initialState());
    const revision = events[events.length - 1].streamPosition;
    return {
      ticketId,
      revision,
      state,
      history: events.map(({ eventId, type, streamPosition, occurredAt, actor, correlationId, data }) => ({
        eventId, type, streamPosition, occurredAt, actor, correlationId, data,
      })),
    };
  }
}
