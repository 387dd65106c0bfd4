import {
  CallbackCompleted,
  CallbackMissed,
  CallbackScheduled,
  stampEvent,
  type CallbackCompletedData,
  type CallbackScheduledData,
  type CommandMetadata,
  type EventEnvelope,
  type NewEvent,
} from '@ticketing/contracts';

/* The callbacks of one ticket (`callback-<ticketId>`): scheduled once per qualifying resolution,
 * completed once (also late, after being missed), missed once if nobody called within the grace. */

export interface CallbackRecord {
  callbackId: string;
  ticketId: string;
  assignee: string;
  dueAt: string;
  completed: boolean;
  missed: boolean;
}

export interface CallbacksState {
  callbacks: Record<string, CallbackRecord>;
}

export type CallbackCommand =
  | { type: 'ScheduleCallback'; metadata: CommandMetadata; data: CallbackScheduledData }
  | { type: 'CompleteCallback'; metadata: CommandMetadata; data: Omit<CallbackCompletedData, 'late'> }
  | { type: 'MarkCallbackMissed'; metadata: CommandMetadata; data: { callbackId: string } };

export class CallbackNotFoundError extends Error {
  readonly code = 'callback_not_found';
  constructor(callbackId: string) {
    super(`Callback ${callbackId} does not exist`);
    this.name = 'CallbackNotFoundDomainError';
  }
}

export class CallbackAlreadyCompletedError extends Error {
  readonly code = 'callback_already_completed';
  constructor(callbackId: string) {
    super(`Callback ${callbackId} was already completed`);
    this.name = 'CallbackAlreadyCompletedDomainError';
  }
}

export const initialCallbacks = (): CallbacksState => ({ callbacks: {} });

export function evolveCallbacks(state: CallbacksState, event: EventEnvelope): CallbacksState {
  if (CallbackScheduled.is(event)) {
    const { callbackId, ticketId, assignee, dueAt } = event.data;
    return { callbacks: { ...state.callbacks, [callbackId]: { callbackId, ticketId, assignee, dueAt, completed: false, missed: false } } };
  }
  if (CallbackCompleted.is(event) && state.callbacks[event.data.callbackId]) {
    const record = state.callbacks[event.data.callbackId];
    return { callbacks: { ...state.callbacks, [record.callbackId]: { ...record, completed: true } } };
  }
  if (CallbackMissed.is(event) && state.callbacks[event.data.callbackId]) {
    const record = state.callbacks[event.data.callbackId];
    return { callbacks: { ...state.callbacks, [record.callbackId]: { ...record, missed: true } } };
  }
  return state;
}

export function decideCallbacks(command: CallbackCommand, state: CallbacksState): NewEvent[] {
  switch (command.type) {
    case 'ScheduleCallback':
      // The same resolution again (a redelivered TicketResolved): already scheduled.
      if (state.callbacks[command.data.callbackId]) return [];
      return [stampEvent(CallbackScheduled, command.metadata, command.data)];
    case 'CompleteCallback': {
      const record = state.callbacks[command.data.callbackId];
      if (!record) throw new CallbackNotFoundError(command.data.callbackId);
      if (record.completed) throw new CallbackAlreadyCompletedError(record.callbackId);
      return [stampEvent(CallbackCompleted, command.metadata, { ...command.data, ticketId: record.ticketId, late: record.missed })];
    }
    case 'MarkCallbackMissed': {
      const record = state.callbacks[command.data.callbackId];
      if (!record) throw new CallbackNotFoundError(command.data.callbackId);
      if (record.completed || record.missed) return []; // called in time, or already recorded
      return [stampEvent(CallbackMissed, command.metadata, { callbackId: record.callbackId, ticketId: record.ticketId, assignee: record.assignee, dueAt: record.dueAt })];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

export const callbackDecider = { decide: decideCallbacks, evolve: evolveCallbacks, initialState: initialCallbacks };
