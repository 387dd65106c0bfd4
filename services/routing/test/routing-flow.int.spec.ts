import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamId, type EventEnvelope } from '@ticketing/contracts';
import { eventually } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { DataSource } from 'typeorm';
import { routingService } from '../src';
import { RoutingEngine } from '../src/engine/routing-engine';
import { openTicket } from './routing-test-app';

/*
 * Routing on the embedded runtime (PGlite, in-process bus, relay), driven over HTTP as a client
 * would: settings → agents → tickets routed by rule, VIP to the senior agent, capacity per channel,
 * the queue, an SLA breach escalated with a notice, agent hand-back, bad input refused with nothing
 * written. SLA time is an injected clock: the test runs the timer scheduler itself.
 */
const SUP = 'acme-supervisor-key-000001';
const A1 = 'acme-agent-a1-key-0000001';
const A2 = 'acme-agent-a2-key-0000001';
const GLOBEX = 'globex-admin-key-0000001';

describe('routing end to end (embedded runtime)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'routing-flow-'));
  let runtime: Runtime;
  let running: RunningApp;
  let relay: { stop(): Promise<void> };
  let http: ReturnType<typeof request>;
  let engine: RoutingEngine;
  let now = Date.parse('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    process.env.ROUTING_SCHEDULER = 'off';
    const config = loadConfig({
      DATA_DIR: dataDir, HTTP_PORT: '0', GRPC_PORT: '0', LOG_LEVEL: 'silent',
      API_KEYS: `${SUP}:acme:supervisor:sup-1,${A1}:acme:agent:a1,${A2}:acme:agent:a2,${GLOBEX}:globex:admin:g-1`,
    });
    runtime = await createRuntime(config);
    running = await startApp(runtime, [routingService]);
    relay = startRelay(runtime);
    http = request(running.httpUrl);
    engine = new RoutingEngine(runtime.store, running.app.get(DataSource), () => now);
  });
  afterAll(async () => {
    await relay?.stop();
    await running?.close();
    await runtime?.close();
    delete process.env.ROUTING_SCHEDULER;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Fires due timers (at the injected time) until `probe` holds. */
  const settle = <T>(probe: () => Promise<T | undefined>) =>
    eventually(async () => {
      await engine.scheduler.runOnce();
      return probe();
    }, { timeoutMs: 20_000 });

  const history = async (ticketId: string) => (await runtime.store.readStream(streamId('ticket', ticketId))) as EventEnvelope[];

  async function open(ticketId: string, over: Record<string, unknown> = {}): Promise<string> {
    await openTicket(runtime.store, ticketId, now, { language: 'de', ...over });
    return ticketId;
  }

  const settings = {
    defaultGroupId: 'general',
    groups: [
      { groupId: 'general', name: 'General', strategy: 'skills_least_loaded', openToAll: true },
      { groupId: 'german', name: 'German desk', strategy: 'skills_least_loaded', openToAll: false },
    ],
    rules: [{ categories: [], priorities: [], channels: [], languages: ['de'], groupId: 'german' }],
    complexCategories: ['account_security'],
    calendars: [{ calendarId: 'berlin', timeZone: 'Europe/Berlin', weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: [] }],
    slaPolicies: [
      { policyId: 'chat@1', channelClasses: ['instant'], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 10, nextResponseMinutes: 10, resolutionMinutes: 480, calendarId: 'berlin', warnAtShare: 0.5 },
      { policyId: 'default@1', channelClasses: [], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 1440, calendarId: null, warnAtShare: 0.75 },
    ],
    escalationChain: [{ notify: 'assignee', afterMinutes: 0 }, { notify: 'senior', afterMinutes: 30 }, { notify: 'supervisor', afterMinutes: 30 }],
    handBackAfterMinutes: 15,
    reason: 'German desk opens',
  };

  it('refuses bad settings naming the field, and writes nothing', async () => {
    const overlapping = { ...settings, calendars: [{ ...settings.calendars[0], weeklyHours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '17:00' }] }] };
    const bad = await http.put('/routing/settings').set('X-Api-Key', SUP).send(overlapping).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'calendars[0].weeklyHours[1]', message: 'overlaps weeklyHours[0]' }]);
    const empty = await http.put('/routing/settings').set('X-Api-Key', SUP).send({ ...settings, calendars: [{ ...settings.calendars[0], weeklyHours: [] }] }).expect(400);
    expect(empty.body.errors[0].field).toBe('calendars[0].weeklyHours');
    const unknown = await http.put('/routing/settings').set('X-Api-Key', SUP).send({ ...settings, slaPolicies: [{ ...settings.slaPolicies[0], calendarId: 'paris' }] }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'slaPolicies[0].calendarId', message: 'unknown calendar paris' }]);
    expect(await runtime.store.readStream(streamId('routing', 'acme'))).toEqual([]);
    await http.put('/routing/settings').set('X-Api-Key', A1).send(settings).expect(403);
  });

  it('routes by rule, sends VIP to the senior agent, respects per-channel capacity, and queues the rest in order', async () => {
    await http.put('/routing/settings').set('X-Api-Key', SUP).send(settings).expect(200);
    await settle(async () => ((await http.get('/routing/settings').set('X-Api-Key', SUP)).body.defaultGroupId === 'general' && (await http.get('/routing/settings').set('X-Api-Key', SUP)).body.groups.length === 2 ? true : undefined));
    for (const [agentId, seniority, level] of [['a1', 1, 2], ['a2', 3, 4]] as const) {
      await http.post('/agents').set('X-Api-Key', SUP).send({ agentId, name: agentId, skills: ['german'], languages: ['de', 'en'], capacity: 5, seniority, skillLevels: [{ groupId: 'german', level }], channelCapacity: [{ channel: 'chat', capacity: 1 }] }).expect(201);
    }
    await http.put('/agents/a1/profile').set('X-Api-Key', SUP).send({ skillLevels: [{ groupId: 'nope', level: 1 }], languages: ['de'], seniority: 1, channelCapacity: [], capacity: 5, reason: 'x' }).expect(400);
    await http.post('/agents').set('X-Api-Key', SUP).send({ agentId: 'a3', name: 'x', skills: [], languages: [], capacity: -1 }).expect(400);
    await http.put('/agents/a1/presence').set('X-Api-Key', A1).send({ presence: 'online' }).expect(200);
    await http.put('/agents/a2/presence').set('X-Api-Key', A2).send({ presence: 'online' }).expect(200);
    await settle(async () => ((await http.get('/agents').set('X-Api-Key', SUP)).body.agents.filter((a: { presence: string }) => a.presence === 'online').length === 2 ? true : undefined));

    const vip = await open('01900000-0000-7000-8000-000000000001', { customerTier: 'vip' });
    const vipAssigned = await settle(async () => (await history(vip)).find((e) => e.type === 'TicketAssigned'));
    expect(vipAssigned.data).toMatchObject({ agentId: 'a2', groupId: 'german', reason: 'vip_dedicated' });
    expect((vipAssigned.data as { explanation: string }).explanation).toContain('VIP green channel');
    const queued = (await history(vip)).find((e) => e.type === 'TicketQueued');
    expect(queued?.data).toMatchObject({ groupId: 'german', reason: 'routing rule 1 matched (language de)' });

    const regular = await open('01900000-0000-7000-8000-000000000002');
    expect((await settle(async () => (await history(regular)).find((e) => e.type === 'TicketAssigned'))).data).toMatchObject({ agentId: 'a1', reason: 'least_loaded' });

    // Both agents' chat capacity (1) is used: the next chat waits; an email goes through.
    const waiting = await open('01900000-0000-7000-8000-000000000003');
    const email = await open('01900000-0000-7000-8000-000000000004', { channel: 'email' });
    await settle(async () => (await history(email)).find((e) => e.type === 'TicketAssigned'));
    const queues = await settle(async () => {
      const { body } = await http.get('/queues').set('X-Api-Key', SUP).expect(200);
      const german = body.queues.find((q: { groupId: string }) => q.groupId === 'german');
      return german.length === 1 ? german : undefined;
    });
    expect(queues.tickets[0]).toMatchObject({ position: 1, ticketId: waiting, tier: 'regular', vip: false });
    const agents = (await http.get('/agents').set('X-Api-Key', SUP).expect(200)).body.agents;
    expect(agents.map((a: { agentId: string; loadByChannel: object }) => [a.agentId, a.loadByChannel])).toEqual([['a1', { chat: 1, email: 1 }], ['a2', { chat: 1 }]].sort());

    // Another tenant sees none of it.
    expect((await http.get('/queues').set('X-Api-Key', GLOBEX).expect(200)).body.queues[0].length).toBe(0);
    await http.get(`/tickets/${waiting}/sla`).set('X-Api-Key', GLOBEX).expect(404);
  });

  it('counts business hours, warns, breaches and escalates along the chain with notices', async () => {
    const vip = '01900000-0000-7000-8000-000000000001';
    const status = (await http.get(`/tickets/${vip}/sla`).set('X-Api-Key', SUP).expect(200)).body;
    const first = status.clocks.find((c: { target: string }) => c.target === 'first_response');
    // Monday 10:00 Berlin + 10 business minutes; warning at half.
    expect(first).toMatchObject({ policyId: 'chat@1', dueAt: '2026-03-02T09:10:00.000Z', warnAt: '2026-03-02T09:05:00.000Z', state: 'running' });
    const risk = (await http.get('/sla/at-risk?limit=2').set('X-Api-Key', SUP).expect(200)).body.tickets;
    expect(risk[0].msToBreach).toBeLessThanOrEqual(risk[1].msToBreach);
    await http.get('/sla/at-risk?limit=0').set('X-Api-Key', SUP).expect(400);

    now = Date.parse('2026-03-02T09:11:00Z');
    const escalated = await settle(async () => (await history(vip)).find((e) => e.type === 'TicketEscalated'));
    const types = (await history(vip)).map((e) => e.type);
    expect(types.indexOf('SlaWarningRaised')).toBeLessThan(types.indexOf('SlaBreached'));
    expect(types.filter((t) => t === 'SlaBreached').length).toBe(1);
    expect(escalated.data).toMatchObject({ level: 1, reason: 'sla_breach' });
    expect((escalated.data as { note: string }).note).toContain('notify assignee a2');
    // Notices react to the ticket events (through the bus), each once.
    const notices = await eventually(async () => {
      const all = (await runtime.store.readAll({ categories: ['routingnotice'], maxCount: 100 })).map((n) => n.data as { ticketId: string; kind: string; recipientId: string | null });
      const mine = all.filter((n) => n.ticketId === vip);
      return mine.some((n) => n.kind === 'escalation') && mine.some((n) => n.kind === 'sla_warning') ? mine : undefined;
    }, { timeoutMs: 20_000 });
    expect(notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'sla_warning', recipientId: 'a2' }), expect.objectContaining({ kind: 'escalation', recipientId: 'a2' })]));

    // 30 minutes later the senior (the other German agent) is notified: level 2.
    now += 31 * 60_000;
    const second = await settle(async () => (await history(vip)).filter((e) => e.type === 'TicketEscalated')[1]);
    expect(second.data).toMatchObject({ level: 2 });
    expect((second.data as { note: string }).note).toContain('notify senior a1');
    // Firing again changes nothing: no third breach, no duplicate escalation at the same level.
    await engine.scheduler.runOnce();
    expect((await history(vip)).filter((e) => e.type === 'SlaBreached').length).toBeLessThanOrEqual(2);
  });

  it('lets the agent hand a ticket back with a reason, and refuses a transfer to an agent without the skill', async () => {
    const regular = '01900000-0000-7000-8000-000000000002';
    await http.post(`/tickets/${regular}/hand-back`).set('X-Api-Key', A2).send({ reason: 'not mine' }).expect(403);
    await http.post(`/tickets/${regular}/hand-back`).set('X-Api-Key', A1).send({ reason: 'customer wants a callback in Swiss German' }).expect(200);
    const requeued = await settle(async () => (await history(regular)).filter((e) => e.type === 'TicketQueued')[1]);
    expect((requeued.data as { reason: string }).reason).toBe('handed back by a1: customer wants a callback in Swiss German');
    expect(requeued.actor).toEqual({ kind: 'agent', id: 'a1' });

    await http.post('/agents').set('X-Api-Key', SUP).send({ agentId: 'a9', name: 'no german', skills: [], languages: ['de'], capacity: 5 }).expect(201);
    await settle(async () => ((await http.get('/agents').set('X-Api-Key', SUP)).body.agents.some((a: { agentId: string }) => a.agentId === 'a9') ? true : undefined));
    const before = (await history(regular)).length;
    const refused = await http.post(`/tickets/${regular}/transfer`).set('X-Api-Key', SUP).send({ toGroupId: 'german', toAgentId: 'a9', reason: 'x' }).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'toAgentId', message: 'agent a9 does not have the skill german' }]);
    await http.post(`/tickets/${regular}/transfer`).set('X-Api-Key', SUP).send({ toGroupId: 'billing', reason: 'x' }).expect(400);
    await http.post(`/tickets/${regular}/transfer`).set('X-Api-Key', SUP).send({ toGroupId: 'german', toAgentId: 'ghost', reason: 'x' }).expect(400);
    expect((await history(regular)).length).toBe(before);
    const moved = await http.post(`/tickets/${regular}/transfer`).set('X-Api-Key', SUP).send({ toGroupId: 'general', toAgentId: 'a9', reason: 'general question after all' }).expect(200);
    expect(moved.body).toEqual({ ticketId: regular, groupId: 'general', agentId: 'a9' });
  });

  it('hands back the unstarted tickets of an agent away longer than the grace period', async () => {
    const vip = '01900000-0000-7000-8000-000000000001';
    await http.put('/agents/a2/presence').set('X-Api-Key', A2).send({ presence: 'away' }).expect(200);
    // The presence change happened at wall-clock time; the grace period is 15 minutes after it.
    now = Date.now() + 16 * 60_000;
    const unassigned = await settle(async () => (await history(vip)).find((e) => e.type === 'TicketUnassigned'));
    expect(unassigned.data).toMatchObject({ agentId: 'a2', reason: 'agent_unavailable' });
    const requeued = (await history(vip)).filter((e) => e.type === 'TicketQueued').pop();
    expect((requeued?.data as { reason: string }).reason).toBe('handed back: a2 away for more than 15 min before replying');
  });
});
