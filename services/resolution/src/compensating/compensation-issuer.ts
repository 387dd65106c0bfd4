import { Inject, Injectable, Optional } from '@nestjs/common';
import { CompensationApproved, streamId, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent } from '@ticketing/platform';
import { evolve, initialState, ticketDecider, ticketExists } from '@ticketing/ticket';
import { COMPENSATION_GATEWAY, type CompensationGateway } from './compensation-gateway';

/** One key per compensation, the same on every delivery and every retry. */
export const idempotencyKeyOf = (tenantId: string, ticketId: string, compensationId: string) =>
  `compensation:${tenantId}:${ticketId}:${compensationId}`;

/**
 * Sends approved compensations to the shop and records its answer on the ticket. At-least-once:
 * a redelivered approval whose answer is already recorded is skipped; two deliveries racing each
 * other both reach the shop with the same Idempotency-Key (so it pays once) and the decider records
 * only the first answer. A transient failure throws, so the bus redelivers and it is retried.
 */
@Injectable()
export class CompensationIssuer extends EventPolicy {
  protected readonly consumer = { groupId: 'resolution.compensation-issuer', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Optional() @Inject(COMPENSATION_GATEWAY) private readonly gateway: CompensationGateway | null,
  ) {
    super();
  }

  protected override disabledBecause(): string | undefined {
    return this.gateway ? undefined : 'COMPENSATION_GATEWAY_URL not set: approved compensations are not sent to a shop system';
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!CompensationApproved.is(event) || !this.gateway) return;
    const { ticketId, compensationId } = event.data;
    const stream = streamId('ticket', ticketId);
    const { state } = await aggregateStream(this.store, stream, evolve, initialState);
    if (!ticketExists(state)) return;
    const compensation = state.compensations.find((c) => c.compensationId === compensationId);
    if (!compensation || compensation.issue !== null) return; // already answered: a redelivery
    const idempotencyKey = idempotencyKeyOf(event.tenantId, ticketId, compensationId);
    const result = await this.gateway.issue({
      idempotencyKey,
      tenantId: event.tenantId,
      ticketId,
      compensationId,
      orderNumber: state.orderNumber,
      customerId: state.customerId,
      kind: compensation.kind,
      amount: compensation.amount,
      currency: compensation.currency,
    });
    await handleCommand({
      store: this.store,
      streamId: stream,
      decider: ticketDecider,
      command: {
        type: 'RecordCompensationIssued',
        ticketId,
        metadata: {
          tenantId: event.tenantId,
          actor: { kind: 'service', id: 'resolution.compensation-issuer' },
          correlationId: event.correlationId,
          causationId: event.eventId,
          now: new Date().toISOString(),
        },
        data: {
          compensationId,
          idempotencyKey,
          outcome: result.outcome,
          externalReference: result.outcome === 'issued' ? result.externalReference : null,
          failureReason: result.outcome === 'failed' ? result.reason : null,
        },
      },
      validate: validateNewEvent,
    });
    eventsConsumed.inc({ consumer: 'resolution.compensation-issuer', outcome: result.outcome });
  }
}
