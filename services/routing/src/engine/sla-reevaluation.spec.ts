import { sampleTicketEventData, type CommandMetadata, type EventEnvelope, type TicketEventData, type TicketEventType } from '@ticketing/contracts';
import { ticketDecider, type Ticket, type TicketState } from '@ticketing/ticket';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from '../settings/routing-settings';
import type { ClockView } from '../tickets/routing-ticket.entity';
import { progressUpdateCommands, retargets } from './sla-reevaluation';

/* Given a ticket's history, when routing re-evaluates its SLA clocks, then these commands. */

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'service', id: 'routing' }, correlationId: 'c', causationId: null, now: at(0) };

function given(...events: [TicketEventType, Partial<TicketEventData<TicketEventType>>, number][]): Ticket {
  let state: TicketState = ticketDecider.initialState();
  events.forEach(([type, data, minute], i) => {
    const envelope = {
      type, schemaVersion: 1, tenantId: 'acme', actor: { kind: 'service', id: 'x' }, correlationId: 'c', causationId: null, occurredAt: at(minute),
      eventId: `e${i}`, streamId: 'ticket-t-1', streamPosition: i, globalPosition: String(i),
      data: { ...(sampleTicketEventData[type] as object), ticketId: 't-1', ...data },
    } as unknown as EventEnvelope;
    state = ticketDecider.evolve(state, envelope);
  });
  return state as Ticket;
}

const policy = (over: Partial<RoutingSettings['slaPolicies'][number]>): RoutingSettings['slaPolicies'][number] => ({
  policyId: 'p@1', channelClasses: [], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 60, nextResponseMinutes: 60,
  progressUpdateMinutes: 120, resolutionMinutes: 1440, calendarId: null, warnAtShare: 0.5, ...over,
});
const settings = (...slaPolicies: RoutingSettings['slaPolicies']): RoutingSettings => ({ ...DEFAULT_ROUTING_SETTINGS, slaPolicies });

const opened: [TicketEventType, Partial<TicketEventData<TicketEventType>>, number] = ['TicketOpened', { channel: 'email', channelClass: 'async', customerTier: 'regular' }, 0];
const started = (target: string, minute: number, dueMinute: number, policyId = 'p@1'): [TicketEventType, Partial<TicketEventData<TicketEventType>>, number] =>
  ['SlaClockStarted', { target, policyId, dueAt: at(dueMinute), warnAt: at(minute + (dueMinute - minute) / 2) } as never, minute];

describe('progress-update clock', () => {
  it('given a ticket just opened under a policy with a progress target, when routing looks, then the clock starts from the opening', () => {
    const ticket = given(opened);
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata)).toEqual([
      { type: 'StartSlaClock', ticketId: 't-1', metadata, data: { target: 'progress_update', policyId: 'p@1', dueAt: at(120), warnAt: at(60) } },
    ]);
  });

  it('given no progress target in the policy, then nothing starts', () => {
    expect(progressUpdateCommands(given(opened), settings(policy({ progressUpdateMinutes: null })), metadata)).toEqual([]);
  });

  it('given a running clock and an agent reply after it started, then it restarts from the reply', () => {
    const ticket = given(opened, started('progress_update', 0, 120), ['AgentReplied', {}, 30]);
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata)).toEqual([
      expect.objectContaining({ type: 'StartSlaClock', data: { target: 'progress_update', policyId: 'p@1', dueAt: at(150), warnAt: at(90) } }),
    ]);
  });

  it('given a progress update sent after the clock started, then it restarts from the update', () => {
    const ticket = given(opened, started('progress_update', 0, 120), ['ProgressUpdateSent', { expectedResolutionAt: null }, 100]);
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata)[0]).toMatchObject({ data: { dueAt: at(220) } });
  });

  it('given the restart already happened, when the timer fires again, then nothing', () => {
    const ticket = given(opened, started('progress_update', 0, 120), ['AgentReplied', {}, 30], started('progress_update', 30, 150));
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata)).toEqual([]);
  });

  it('given the resolution clock paused on the customer, then the progress clock pauses with the same reason; once resumed, it resumes', () => {
    const base: Parameters<typeof given> = [opened, started('progress_update', 0, 120), started('resolution', 0, 1440), ['SlaClockPaused', { target: 'resolution', reason: 'awaiting_customer', remainingMs: 1 }, 10]];
    expect(progressUpdateCommands(given(...base), settings(policy({})), metadata)).toEqual([
      { type: 'PauseSlaClock', ticketId: 't-1', metadata, data: { target: 'progress_update', reason: 'awaiting_customer' } },
    ]);
    const bothPaused = [...base, ['SlaClockPaused', { target: 'progress_update', reason: 'awaiting_customer', remainingMs: 1 }, 10]] as Parameters<typeof given>;
    expect(progressUpdateCommands(given(...bothPaused), settings(policy({})), metadata)).toEqual([]);
    const resolutionResumed = [...bothPaused, ['SlaClockResumed', { target: 'resolution', pausedForMs: 60_000, dueAt: at(1441), warnAt: at(721) }, 11]] as Parameters<typeof given>;
    expect(progressUpdateCommands(given(...resolutionResumed), settings(policy({})), metadata)).toEqual([
      { type: 'ResumeSlaClock', ticketId: 't-1', metadata, data: { target: 'progress_update' } },
    ]);
  });

  it('given an agent question (the resolution clock pauses), then the clock restarts and pauses at once', () => {
    const ticket = given(opened, started('progress_update', 0, 120), started('resolution', 0, 1440), ['CustomerInfoRequested', {}, 20],
      ['SlaClockPaused', { target: 'resolution', reason: 'awaiting_customer', remainingMs: 1 }, 20]);
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata).map((c) => c.type)).toEqual(['StartSlaClock', 'PauseSlaClock']);
  });

  it('given a resolved ticket, then nothing', () => {
    const ticket = given(opened, started('progress_update', 0, 120), ['TicketResolved', {}, 30]);
    expect(progressUpdateCommands(ticket, settings(policy({})), metadata)).toEqual([]);
  });
});

describe('re-evaluating running clocks', () => {
  const view = (startedMinute: number, dueMinute: number, pauses: ClockView['pauses'] = [], policyId = 'p@1'): ClockView => ({
    policyId, startedAt: T0 + startedMinute * 60_000, dueAt: T0 + dueMinute * 60_000, warnAt: 0, state: 'running', pauses, warned: false, breached: false,
  });

  it('given the policy target shrinks, then the clock moves to the new deadline counted from its start, pauses excluded', () => {
    const ticket = given(opened, started('resolution', 0, 1500));
    const pauses = [{ from: T0 + 10 * 60_000, to: T0 + 70 * 60_000 }];
    expect(retargets(ticket, { resolution: view(0, 1500, pauses) }, settings(policy({ policyId: 'p@2', resolutionMinutes: 240 })))).toEqual([
      { target: 'resolution', previousPolicyId: 'p@1', policyId: 'p@2', previousTargetMinutes: 1440, targetMinutes: 240, previousDueAt: T0 + 1500 * 60_000, dueAt: T0 + 300 * 60_000, warnAt: T0 + 180 * 60_000 },
    ]);
  });

  it('given a reclassification makes a more specific policy match, then that policy applies', () => {
    const ticket = given(opened, started('first_response', 0, 60), ['TicketReclassified', { category: 'account_security', priority: 'urgent' }, 5]);
    const s = settings(policy({}), policy({ policyId: 'security@1', categories: ['account_security'], firstResponseMinutes: 15 }));
    expect(retargets(ticket, { first_response: view(0, 60) }, s)).toEqual([expect.objectContaining({ target: 'first_response', policyId: 'security@1', targetMinutes: 15, dueAt: T0 + 15 * 60_000 })]);
  });

  it('given the policy edited in place (same id, new minutes), then the clock moves to the new target', () => {
    const ticket = given(opened, started('resolution', 0, 1440));
    expect(retargets(ticket, { resolution: { ...view(0, 1440), targetMinutes: 1440 } }, settings(policy({ resolutionMinutes: 480 })))).toEqual([
      expect.objectContaining({ previousPolicyId: 'p@1', policyId: 'p@1', previousTargetMinutes: 1440, targetMinutes: 480, dueAt: T0 + 480 * MIN }),
    ]);
  });

  it('given a deadline shifted by a pause under the same policy and target (a re-anchor, not a retarget), then nothing moves', () => {
    const ticket = given(opened, started('resolution', 0, 1500));
    const shifted = { ...view(0, 1500, [{ from: T0 + 10 * MIN, to: T0 + 70 * MIN }]), targetMinutes: 1440 };
    expect(retargets(ticket, { resolution: shifted }, settings(policy({})))).toEqual([]);
  });

  it('given the same policy and target, then nothing moves', () => {
    const ticket = given(opened, started('first_response', 0, 60));
    expect(retargets(ticket, { first_response: view(0, 60) }, settings(policy({})))).toEqual([]);
  });

  it('given a stopped or paused clock, or a resolved ticket, then nothing moves', () => {
    const replied = given(opened, started('first_response', 0, 60), ['AgentReplied', {}, 3]);
    expect(retargets(replied, { first_response: view(0, 60) }, settings(policy({ policyId: 'p@2', firstResponseMinutes: 5 })))).toEqual([]);
    const paused = given(opened, started('resolution', 0, 1440), ['SlaClockPaused', { target: 'resolution', reason: 'awaiting_customer', remainingMs: 1 }, 3]);
    expect(retargets(paused, { resolution: { ...view(0, 1440), state: 'paused' } }, settings(policy({ policyId: 'p@2', resolutionMinutes: 5 })))).toEqual([]);
    const resolved = given(opened, started('resolution', 0, 1440), ['TicketResolved', {}, 3]);
    expect(retargets(resolved, { resolution: view(0, 1440) }, settings(policy({ policyId: 'p@2', resolutionMinutes: 5 })))).toEqual([]);
  });
});
