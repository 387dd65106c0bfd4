import {
  DeliveryAttempted,
  DeliveryFailed,
  DeliveryRequested,
  MessageDelivered,
  StaffNoticeRequested,
  StaffNoticeUndeliverable,
  stampEvent,
  type CommandMetadata,
  type DeliveryRequestedData,
  type EventEnvelope,
  type NewEvent,
  type StaffNoticeRequestedData,
  type StaffNoticeUndeliverableData,
} from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';

export interface DeliveryState {
  /** A message to the customer. */
  request: DeliveryRequestedData | null;
  /** Or a notice to staff. */
  notice: StaffNoticeRequestedData | null;
  tenantId: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  outcome: 'delivered' | 'failed' | 'undeliverable' | null;
}

export type DeliveryCommand =
  | { type: 'RequestDelivery'; metadata: CommandMetadata; data: DeliveryRequestedData }
  | { type: 'RequestStaffNotice'; metadata: CommandMetadata; data: StaffNoticeRequestedData }
  | { type: 'RecordStaffNoticeUndeliverable'; metadata: CommandMetadata; data: StaffNoticeUndeliverableData }
  | {
      type: 'RecordAttempt';
      metadata: CommandMetadata;
      data: { ok: boolean; statusCode: number | null; detail: string; transportMessageId: string; backoffMs: number; maxBackoffMs: number };
    };

/** Exponential backoff: base, 2×base, 4×base, … capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Anything already on the stream: a redelivered source event decides nothing. */
const started = (state: DeliveryState) => state.request !== null || state.notice !== null || state.outcome !== null;

/** One outbound message's delivery (to a customer, or a notice to staff): requested once, attempted until delivered or given up. */
export const deliveryDecider: Decider<DeliveryState, DeliveryCommand> = {
  initialState: () => ({ request: null, notice: null, tenantId: null, attempts: 0, nextAttemptAt: null, outcome: null }),

  evolve(state: DeliveryState, event: EventEnvelope): DeliveryState {
    if (DeliveryRequested.is(event)) return { ...state, request: event.data, tenantId: event.tenantId, nextAttemptAt: event.occurredAt };
    if (StaffNoticeRequested.is(event)) return { ...state, notice: event.data, tenantId: event.tenantId, nextAttemptAt: event.occurredAt };
    if (StaffNoticeUndeliverable.is(event)) return { ...state, tenantId: event.tenantId, outcome: 'undeliverable', nextAttemptAt: null };
    if (DeliveryAttempted.is(event)) return { ...state, attempts: event.data.attempt, nextAttemptAt: event.data.nextAttemptAt };
    if (MessageDelivered.is(event)) return { ...state, outcome: 'delivered', nextAttemptAt: null };
    if (DeliveryFailed.is(event)) return { ...state, outcome: 'failed', nextAttemptAt: null };
    return state;
  },

  decide(command: DeliveryCommand, state: DeliveryState): NewEvent[] {
    switch (command.type) {
      case 'RequestDelivery':
        // A redelivered source event finds its delivery already requested.
        return started(state) ? [] : [stampEvent(DeliveryRequested, command.metadata, command.data)];
      case 'RequestStaffNotice':
        return started(state) ? [] : [stampEvent(StaffNoticeRequested, command.metadata, command.data)];
      case 'RecordStaffNoticeUndeliverable':
        return started(state) ? [] : [stampEvent(StaffNoticeUndeliverable, command.metadata, command.data)];
      case 'RecordAttempt': {
        const request = state.request ?? state.notice;
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
