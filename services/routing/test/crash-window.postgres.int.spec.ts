import { streamId, type NewEvent } from '@ticketing/contracts';
import { type EventStore } from '@ticketing/eventstore';
import { describeIf, eventually, postgresAvailability } from '@ticketing/eventstore/testing';
import { RoutingEngine } from '../src/engine/routing-engine';
import { legacyNoticeStream, noticeStream, RoutingNotifier } from '../src/notices/routing-notifier.policy';
import { routingTimers } from '../src/timers/routing-timer.entity';
import { openTicket, startRoutingOnPostgres, ticketHistory, ticketState, type RoutingTestApp } from './routing-test-app';

/*
 * No dual writes in routing: a routing replica that dies right after appending a ticket event
 * (simulated by a store that throws once the append has committed) loses nothing that should have
 * followed it. A moved deadline and its SlaClockRetargeted are one append; the notices for an SLA
 * warning and for an escalation are reactions to those ticket events, written once each — also when
 * the timer fires again and when the bus redelivers the event.
 */
jest.setTimeout(120_000);

const SUP = 'acme-supervisor-key-000001';
const A1 = 'acme-agent-a1-key-0000001';
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeIf(postgresAvailability(), 'routing crash window (PostgreSQL)', () => {
  let app: RoutingTestApp;
  let healthy: RoutingEngine;
  let crashing: RoutingEngine;
  // Wall-clock based: settings changes are stamped with the real time and retargeted from then.
  let now = Date.now();
  /** The event type whose append "kills" the crashing replica right after it committed. */
  let crashAfter: string | null = null;

  /** The real store, except that the armed append throws after it has been written. */
  const crashingStore = (store: EventStore): EventStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendToStream') {
          return async (stream: string, batch: NewEvent[], options: Parameters<EventStore['appendToStream']>[2]) => {
            const result = await target.appendToStream(stream, batch, options);
            if (crashAfter !== null && batch.some((e) => e.type === crashAfter)) {
              const type = crashAfter;
              crashAfter = null;
              throw new Error(`simulated crash right after appending ${type} to ${stream}`);
            }
            return result;
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  beforeAll(async () => {
    app = await startRoutingOnPostgres('routing_crash', [`${SUP}:acme:supervisor:sup-1`, `${A1}:acme:agent:a1`]);
    healthy = new RoutingEngine(app.runtime.store, app.dataSource, () => now);
    crashing = new RoutingEngine(crashingStore(app.runtime.store), app.dataSource, () => now);
  });
  afterAll(async () => {
    await app?.close();
  });

  const settle = <T>(probe: () => Promise<T | undefined>) =>
    eventually(async () => {
      await healthy.scheduler.runOnce();
      return probe();
    }, { timeoutMs: 30_000 });
  /** Lets the crashing replica fire due timers until its armed append has happened (and "crashed" it). */
  const crashOn = async (type: string) => {
    crashAfter = type;
    await eventually(async () => {
      await crashing.scheduler.runOnce();
      return crashAfter === null ? true : undefined;
    }, { timeoutMs: 30_000 });
  };

  const history = (ticketId: string) => ticketHistory(app.runtime.store, ticketId);
  const state = (ticketId: string) => ticketState(app.runtime.store, ticketId);
  const notices = async (ticketId: string) =>
    (await app.runtime.store.readAll({ categories: ['routingnotice'], maxCount: 1000 }))
      .map((n) => n.data as { ticketId: string; kind: string; target: string | null; recipientId: string | null; escalationLevel: number })
      .filter((n) => n.ticketId === ticketId);

  const policy = (policyId: string, over: Record<string, unknown> = {}) => ({
    policyId, channelClasses: [], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 60, nextResponseMinutes: 30,
    progressUpdateMinutes: 120, resolutionMinutes: 1440, calendarId: null, warnAtShare: 0.5, ...over,
  });
  const settings = {
    defaultGroupId: 'general',
    groups: [{ groupId: 'general', name: 'General', strategy: 'skills_least_loaded', openToAll: true }],
    rules: [],
    complexCategories: [],
    calendars: [],
    slaPolicies: [policy('std@1')],
    escalationChain: [{ notify: 'assignee', afterMinutes: 0 }],
    handBackAfterMinutes: 15,
    reason: 'one group, one policy',
  };
  const ticketId = '01900000-0000-7000-8000-00000000cc01';
  let openedAt = 0;

  it('sets up: settings, an agent online, a ticket assigned with running clocks', async () => {
    await app.http.put('/routing/settings').set('X-Api-Key', SUP).send(settings).expect(200);
    await eventually(async () => ((await app.http.get('/routing/settings').set('X-Api-Key', SUP)).body.groups.length === 1 ? true : undefined), { timeoutMs: 20_000 });
    await app.http.post('/agents').set('X-Api-Key', SUP).send({ agentId: 'a1', name: 'a1', skills: ['general'], languages: ['en'], capacity: 5 }).expect(201);
    await app.http.put('/agents/a1/presence').set('X-Api-Key', A1).send({ presence: 'online' }).expect(200);
    await settle(async () => ((await app.http.get('/agents').set('X-Api-Key', SUP)).body.agents[0]?.presence === 'online' ? true : undefined));
    now = Date.now();
    openedAt = now;
    await openTicket(app.runtime.store, ticketId, now);
    const ticket = await settle(async () => {
      const t = await state(ticketId);
      return t.assigneeId === 'a1' && t.slaClocks.resolution?.state === 'running' ? t : undefined;
    });
    expect(ticket.slaClocks.resolution).toMatchObject({ policyId: 'std@1', dueAt: iso(openedAt + 1440 * MIN) });
    // The read model has the running clocks (retargeting plans from them).
    await settle(async () => ((await app.http.get(`/tickets/${ticketId}/sla`).set('X-Api-Key', SUP)).body.clocks?.length === 3 ? true : undefined));
  });

  it('registers an agent and its profile in one append; a bad profile writes nothing', async () => {
    const agentStream = (id: string) => app.runtime.store.readStream(streamId('agent', `acme.${id}`));
    const refused = await app.http.post('/agents').set('X-Api-Key', SUP)
      .send({ agentId: 'a7', name: 'a7', skills: ['general'], languages: ['en'], capacity: 5, skillLevels: [{ groupId: 'nowhere', level: 2 }] }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('skillLevels[0].groupId');
    expect(await agentStream('a7')).toEqual([]);

    await app.http.post('/agents').set('X-Api-Key', SUP).send({ agentId: 'a8', name: 'a8', skills: ['general'], languages: ['en'], capacity: 5, seniority: 3 }).expect(201);
    const written = await agentStream('a8');
    expect(written.map((e) => e.type)).toEqual(['AgentRegistered', 'AgentProfileSet']);
    // One append: one transaction, one correlation.
    expect(written[1].correlationId).toBe(written[0].correlationId);
    expect(written[1].data).toMatchObject({ seniority: 3, skills: [{ groupId: 'general', level: 1 }] });
  });

  it('a replica dying right after moving a deadline has already recorded why, once', async () => {
    await app.http.put('/routing/settings').set('X-Api-Key', SUP).send({ ...settings, slaPolicies: [policy('std@2', { resolutionMinutes: 600 })], reason: 'tighter resolution target' }).expect(200);
    await eventually(async () => ((await app.http.get('/routing/settings').set('X-Api-Key', SUP)).body.slaPolicies?.[0]?.policyId === 'std@2' ? true : undefined), { timeoutMs: 20_000 });
    now = Date.now() + MIN;
    await crashOn('SlaClockRetargeted');

    // Another replica takes over the timer (and, to be sure, fires the retarget once more).
    now += 2 * MIN;
    await settle(async () => ((await app.http.get(`/tickets/${ticketId}/sla`).set('X-Api-Key', SUP)).body.clocks?.find((c: { target: string }) => c.target === 'resolution')?.policyId === 'std@2' ? true : undefined));
    await routingTimers.schedule(app.dataSource.manager, { kind: 'sla_retarget', tenantId: 'acme', subject: 'acme', target: 'policy_changed', dueAt: now });
    await healthy.scheduler.runOnce();

    const h = await history(ticketId);
    const records = h.filter((e) => e.type === 'SlaClockRetargeted' && (e.data as { target: string }).target === 'resolution');
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record.actor).toEqual({ kind: 'supervisor', id: 'sup-1' });
    expect(record.data).toMatchObject({ cause: 'policy_changed', previousPolicyId: 'std@1', policyId: 'std@2', previousTargetMinutes: 1440, targetMinutes: 600, dueAt: iso(openedAt + 600 * MIN) });
    // The new clock and its reason were written together: adjacent in the stream, one decision.
    const started = h[h.indexOf(record) - 1];
    expect(started.type).toBe('SlaClockStarted');
    expect(started.data).toMatchObject({ target: 'resolution', policyId: 'std@2', dueAt: iso(openedAt + 600 * MIN) });
    expect(started.correlationId).toBe(record.correlationId);
    expect(h.filter((e) => e.type === 'SlaClockStarted' && (e.data as { policyId: string }).policyId === 'std@2' && (e.data as { target: string }).target === 'resolution')).toHaveLength(1);
  });

  it('a replica dying right after raising an SLA warning still notifies the assignee, once', async () => {
    now = openedAt + 31 * MIN; // first response warns at 30 minutes
    await crashOn('SlaWarningRaised');
    expect((await history(ticketId)).filter((e) => e.type === 'SlaWarningRaised')).toHaveLength(1);

    const warned = await eventually(async () => {
      const found = (await notices(ticketId)).filter((n) => n.kind === 'sla_warning' && n.target === 'first_response');
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 20_000 });
    expect(warned).toEqual([expect.objectContaining({ recipientId: 'a1', escalationLevel: 0 })]);

    // The timer fires again elsewhere, and the bus redelivers the warning: still one notice.
    now += MIN;
    await healthy.scheduler.runOnce();
    const warning = (await history(ticketId)).find((e) => e.type === 'SlaWarningRaised')!;
    await app.running.app.get(RoutingNotifier).handle(warning);
    expect((await notices(ticketId)).filter((n) => n.kind === 'sla_warning' && n.target === 'first_response')).toHaveLength(1);
  });

  it('does not notify again what the timer handler notified before notices became reactions', async () => {
    const warning = (await history(ticketId)).find((e) => e.type === 'SlaWarningRaised')!;
    const notifier = app.running.app.get(RoutingNotifier);
    // An older history: this warning's notice was written the old way, a moment after the event.
    const replayed = { ...warning, eventId: '01900000-0000-7000-8000-0000000000f1' };
    const data = { ticketId, kind: 'sla_warning' as const, target: 'first_response', recipientRole: 'assignee' as const, recipientId: 'a1', escalationLevel: 0, reason: 'old-style notice' };
    await app.runtime.store.appendToStream(legacyNoticeStream(data), [{
      type: 'RoutingNoticeSent', schemaVersion: 1, tenantId: 'acme', actor: { kind: 'service', id: 'routing' }, correlationId: 'legacy', causationId: null,
      occurredAt: iso(Date.parse(warning.occurredAt) + 500), data,
    }], { expectedRevision: 'no_stream' });
    await notifier.handle(replayed);
    expect(await app.runtime.store.readStream(noticeStream(data, replayed.eventId))).toEqual([]);
    // A later warning at the same level (a restarted clock) is a new cause: it is notified.
    const later = { ...warning, eventId: '01900000-0000-7000-8000-0000000000f2', occurredAt: iso(Date.parse(warning.occurredAt) + 10 * MIN) };
    await notifier.handle(later);
    expect(await app.runtime.store.readStream(noticeStream(data, later.eventId))).toHaveLength(1);
  });

  it('a replica dying right after escalating a breach still notifies the chain, once', async () => {
    now = openedAt + 61 * MIN; // first response breaches at 60 minutes; the chain's first step follows at once
    await settle(async () => ((await history(ticketId)).some((e) => e.type === 'SlaBreached') ? true : undefined));
    await crashOn('TicketEscalated');
    expect((await history(ticketId)).filter((e) => e.type === 'TicketEscalated')).toHaveLength(1);

    const escalations = await eventually(async () => {
      const found = (await notices(ticketId)).filter((n) => n.kind === 'escalation');
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 20_000 });
    expect(escalations).toEqual([expect.objectContaining({ recipientId: 'a1', escalationLevel: 1 })]);

    now += MIN;
    await healthy.scheduler.runOnce();
    const escalated = (await history(ticketId)).find((e) => e.type === 'TicketEscalated')!;
    await app.running.app.get(RoutingNotifier).handle(escalated);
    expect((await history(ticketId)).filter((e) => e.type === 'TicketEscalated')).toHaveLength(1);
    expect((await notices(ticketId)).filter((n) => n.kind === 'escalation')).toHaveLength(1);
  });
});
