import {
  DeliveryAttempted,
  DeliveryFailed,
  DeliveryRequested,
  MessageDelivered,
  stampEvent,
  type CommandMetadata,
  type DeliveryRequestedData,
  type EventEnvelope,
  type NewEvent,
} from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';

export interface DeliveryState {
  request: DeliveryRequestedData | null;
  tenantId: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  outcome: 'delivered' | 'failed' | null;
}

export type DeliveryCommand =
  | { type: 'RequestDelivery'; metadata: CommandMetadata; data: DeliveryRequestedData }
  | {
      type: 'RecordAttempt';
      metadata: CommandMetadata;
      data: { ok: boolean; statusCode: number | null; detail: string; transportMessageId: string; backoffMs: number; maxBackoffMs: number };
    };

/** Exponential backoff: base, 2×base, 4×base, … capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** One outbound message's delivery: requested once, attempted until delivered or given up. */
export const deliveryDecider: Decider<DeliveryState, DeliveryCommand> = {
  initialState: () => ({ request: null, tenantId: null, attempts: 0, nextAttemptAt: null, outcome: null }),

  evolve(state: DeliveryState, event: EventEnvelope): DeliveryState {
    if (DeliveryRequested.is(event)) return { ...state, request: event.data, tenantId: event.tenantId, nextAttemptAt: event.occurredAt };
    if (DeliveryAttempted.is(event)) return { ...state, attempts: event.data.attempt, nextAttemptAt: event.data.nextAttemptAt };
    if (MessageDelivered.is(event)) return { ...state, outcome: 'delivered', nextAttemptAt: null };
    if (DeliveryFailed.is(event)) return { ...state, outcome: 'failed', nextAttemptAt: null };
    return state;
  },

  decide(command: DeliveryCommand, state: DeliveryState): NewEvent[] {
    switch (command.type) {
      case 'RequestDelivery':
        // A redelivered source event finds its delivery already requested.
        return state.request ? [] : [stampEvent(DeliveryRequested, command.metadata, command.data)];
      case 'RecordAttempt': {
        const { request } = state;
        if (!request || state.outcome !== null) return [];
        const attempt = state.attempts + 1;
        const base = { deliveryId: request.deliveryId, ticketId: request.ticketId, attempt, statusCode: command.data.statusCode, detail: command.data.detail.slice(0, 2000) };
        if (command.data.ok) {
          return [
            stampEvent(DeliveryAttempted, command.metadata, { ...base, outcome: 'delivered', nextAttemptAt: null }),
            stampEvent(MessageDelivered, command.metadata, { deliveryId: request.deliveryId, ticketId: request.ticketId, attempts: attempt, transportMessageId: command.data.transportMessageId }),
          ];
        }
        if (attempt >= request.maxAttempts) {
          return [
            stampEvent(DeliveryAttempted, command.metadata, { ...base, outcome: 'failed', nextAttemptAt: null }),
            stampEvent(DeliveryFailed, command.metadata, { deliveryId: request.deliveryId, ticketId: request.ticketId, attempts: attempt, lastError: base.detail || 'failed' }),
          ];
        }
        const next = new Date(Date.parse(command.metadata.now) + backoffDelay(attempt, command.data.backoffMs, command.data.maxBackoffMs)).toISOString();
        return [stampEvent(DeliveryAttempted, command.metadata, { ...base, outcome: 'failed', nextAttemptAt: next })];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown delivery command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
