import type { CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { CallbackAlreadyCompletedError, CallbackNotFoundError, callbackDecider, type CallbackCommand } from './callback.decider';

/* given / when / then over the callback decider (pure). */
const meta = (actor: CommandMetadata['actor'], now = '2025-03-04T09:00:00.000Z'): CommandMetadata => ({ tenantId: 'shop-a', actor, correlationId: 'c-1', causationId: null, now });
const service = { kind: 'service' as const, id: 'feedback' };
const agent = { kind: 'agent' as const, id: 'agent-7' };
const scheduled = { callbackId: 'res-1', ticketId: 't-1', customerId: 'cust-1', reasons: ['complaint' as const, 'vip' as const], assignee: 'agent-7', dueAt: '2025-03-05T09:00:00.000Z' };

const recorded = (events: NewEvent[]): EventEnvelope[] =>
  events.map((e, i) => ({ ...e, eventId: `e-${i}`, streamId: 'callback-t-1', streamPosition: i, globalPosition: i, logPosition: { commit: i, prepare: i }, occurredAt: e.occurredAt ?? meta(service).now, causationId: e.causationId ?? null }) as EventEnvelope);
const given = (events: NewEvent[]) => ({
  when: (command: CallbackCommand) => () => callbackDecider.decide(command, recorded(events).reduce(callbackDecider.evolve, callbackDecider.initialState())),
});

const schedule: CallbackCommand = { type: 'ScheduleCallback', metadata: meta(service), data: scheduled };
const [scheduledEvent] = callbackDecider.decide(schedule, callbackDecider.initialState());
const complete = (outcome: 'no_answer' | 'reached_satisfied' = 'reached_satisfied'): CallbackCommand => ({
  type: 'CompleteCallback',
  metadata: meta(agent, '2025-03-05T10:00:00.000Z'),
  data: { callbackId: 'res-1', ticketId: 't-1', completedBy: 'agent-7', outcome, note: 'Customer happy with the refund' },
});
const miss: CallbackCommand = { type: 'MarkCallbackMissed', metadata: meta(service, '2025-03-06T09:00:00.000Z'), data: { callbackId: 'res-1' } };

describe('callback decider', () => {
  it('schedules a callback once per resolution (a redelivered resolution schedules nothing more)', () => {
    expect(scheduledEvent).toMatchObject({ type: 'CallbackScheduled', tenantId: 'shop-a', actor: service, data: scheduled });
    expect(given([scheduledEvent]).when(schedule)()).toEqual([]);
  });

  it('records who called, the outcome and a note; only once', () => {
    const [done] = given([scheduledEvent]).when(complete())();
    expect(done).toMatchObject({ type: 'CallbackCompleted', actor: agent, data: { callbackId: 'res-1', ticketId: 't-1', completedBy: 'agent-7', outcome: 'reached_satisfied', late: false } });
    expect(given([scheduledEvent, done]).when(complete('no_answer'))).toThrow(CallbackAlreadyCompletedError);
  });

  it('a callback not made in time is missed once; made later it is completed late; made in time it is never missed', () => {
    const [missed] = given([scheduledEvent]).when(miss)();
    expect(missed).toMatchObject({ type: 'CallbackMissed', data: { callbackId: 'res-1', ticketId: 't-1', assignee: 'agent-7', dueAt: scheduled.dueAt } });
    expect(given([scheduledEvent, missed]).when(miss)()).toEqual([]);
    expect(given([scheduledEvent, missed]).when(complete())()[0].data).toMatchObject({ late: true });
    const [done] = given([scheduledEvent]).when(complete())();
    expect(given([scheduledEvent, done]).when(miss)()).toEqual([]);
  });

  it('refuses to complete or miss a callback that does not exist', () => {
    expect(given([]).when(complete())).toThrow(CallbackNotFoundError);
    expect(given([]).when(miss)).toThrow(CallbackNotFoundError);
  });
});
