import type { NewEvent } from '@ticketing/contracts';
import { type EventStore } from '@ticketing/eventstore';
import { describeIf, eventually, postgresAvailability } from '@ticketing/eventstore/testing';
import { dispatchConcurrency, RoutingEngine } from '../src/engine/routing-engine';
import { openTicket, startRoutingOnPostgres, ticketHistory, type RoutingTestApp } from './routing-test-app';

/*
 * A dispatch round persists its planned assignments several at a time (different agents in
 * parallel, one agent's in plan order). On real PostgreSQL: three replicas' rounds racing manual
 * pulls of every agent never overbook anyone and assign every ticket at most once; an assignment
 * that fails loses none of the others, books nothing itself, and the next round assigns it once.
 */
jest.setTimeout(120_000);

const SUP = 'acme-supervisor-key-000001';
const AGENTS = ['p1', 'p2', 'p3', 'p4'];
const KEY = (agentId: string) => `acme-agent-${agentId}-key-00000001`;
const CHAT_CAPACITY = 3;

describeIf(postgresAvailability(), 'dispatch persists assignments concurrently (PostgreSQL)', () => {
  let app: RoutingTestApp;
  const now = Date.parse('2026-03-02T09:00:00Z');
  /** Tickets whose TicketAssigned append fails (before anything is written) on the failing replica. */
  const failFor = new Set<string>();

  const failingStore = (store: EventStore): EventStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'appendToStream') {
          return async (stream: string, batch: NewEvent[], options: Parameters<EventStore['appendToStream']>[2]) => {
            if (batch.some((e) => e.type === 'TicketAssigned') && failFor.has(stream.slice('ticket-'.length))) throw new Error(`simulated append failure on ${stream}`);
            return target.appendToStream(stream, batch, options);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  beforeAll(async () => {
    app = await startRoutingOnPostgres('routing_dispatch_conc', [`${SUP}:acme:supervisor:sup-1`, ...AGENTS.map((a) => `${KEY(a)}:acme:agent:${a}`)]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `01900000-0000-7000-8000-0000000020${String(from + i).padStart(2, '0')}`);
  const assignments = async (ticketIds: string[]) =>
    Promise.all(ticketIds.map(async (id) => (await ticketHistory(app.runtime.store, id)).filter((e) => e.type === 'TicketAssigned').map((e) => (e.data as { agentId: string }).agentId)));
  const agents = async () => (await app.http.get('/agents').set('X-Api-Key', SUP)).body.agents as { agentId: string; presence: string; channelCapacity?: Record<string, number>; loadByChannel?: Record<string, number> }[];
  const queued = async () => ((await app.http.get('/queues').set('X-Api-Key', SUP)).body.queues as unknown[][]).reduce((n, q) => n + q.length, 0);

  it('uses the read-model pool: several assignments at a time on PostgreSQL', () => {
    expect(dispatchConcurrency(app.dataSource)).toBeGreaterThan(1);
  });

  it('never overbooks an agent nor assigns a ticket twice when three replicas race pulls of every agent', async () => {
    for (const agentId of AGENTS) {
      await app.http.post('/agents').set('X-Api-Key', SUP).send({ agentId, name: agentId, skills: [], languages: ['en'], capacity: 10, channelCapacity: [{ channel: 'chat', capacity: CHAT_CAPACITY }] }).expect(201);
    }
    const tickets = ids(0, 20);
    for (const id of tickets) await openTicket(app.runtime.store, id, now);
    const router = new RoutingEngine(app.runtime.store, app.dataSource, () => now);
    // Everyone is offline: the tickets are routed into the queue and wait.
    await eventually(async () => {
      await router.scheduler.runOnce();
      return (await queued()) === 20 ? true : undefined;
    }, { timeoutMs: 30_000 });
    for (const agentId of AGENTS) await app.http.put(`/agents/${agentId}/presence`).set('X-Api-Key', KEY(agentId)).send({ presence: 'online' }).expect(200);
    await eventually(async () => ((await agents()).every((a) => a.presence === 'online') ? true : undefined), { timeoutMs: 20_000 });

    // One replica's append fails for one ticket; the other replicas do not fail.
    failFor.add(tickets[0]);
    const replicas = [failingStore(app.runtime.store), app.runtime.store, app.runtime.store].map((store) => new RoutingEngine(store, app.dataSource, () => now));
    const pulls = AGENTS.flatMap((a) => [1, 2].map(() => app.http.post('/queues/general/pull').set('X-Api-Key', KEY(a)).send({})));
    const rounds = await Promise.allSettled([...replicas.map((r) => r.dispatch('acme')), ...pulls.map((p) => p.then((res) => res.status))]);
    expect(rounds.slice(3).every((r) => r.status === 'fulfilled' && r.value === 200)).toBe(true);

    const byTicket = await assignments(tickets);
    expect(byTicket.every((a) => a.length <= 1)).toBe(true);
    const perAgent = new Map<string, number>();
    for (const [agentId] of byTicket.filter((a) => a.length === 1)) perAgent.set(agentId, (perAgent.get(agentId) ?? 0) + 1);
    // Every slot taken (12 of the 20 tickets), nobody above capacity.
    expect([...perAgent.values()].reduce((a, b) => a + b, 0)).toBe(AGENTS.length * CHAT_CAPACITY);
    for (const agentId of AGENTS) expect(perAgent.get(agentId)).toBe(CHAT_CAPACITY);

    // Caught up, further rounds (the failing one included) and pulls change nothing.
    await eventually(async () => ((await agents()).every((a) => a.loadByChannel?.chat === CHAT_CAPACITY) ? true : undefined), { timeoutMs: 20_000 });
    await Promise.all([...replicas.map((r) => r.dispatch('acme')), ...AGENTS.map((a) => app.http.post('/queues/general/pull').set('X-Api-Key', KEY(a)).send({}).expect(200))]);
    expect((await assignments(tickets)).filter((a) => a.length === 1)).toHaveLength(12);
    await eventually(async () => {
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM routing.capacity_reservations WHERE "tenantId" = 'acme'`);
      return n === 0 ? true : undefined;
    }, { timeoutMs: 20_000 });
    failFor.clear();
  });

  it('a failing assignment loses none of the others of its round, books nothing, and the next round assigns it once', async () => {
    // Room for two more each: the eight tickets still queued fit exactly.
    for (const agentId of AGENTS) {
      await app.http.put(`/agents/${agentId}/profile`).set('X-Api-Key', SUP)
        .send({ seniority: 1, skillLevels: [], languages: ['en'], channelCapacity: [{ channel: 'chat', capacity: CHAT_CAPACITY + 2 }], capacity: 10, reason: 'more chats at once' }).expect(200);
    }
    await eventually(async () => ((await agents()).every((a) => a.channelCapacity?.chat === CHAT_CAPACITY + 2) ? true : undefined), { timeoutMs: 20_000 });
    const tickets = ids(0, 20);
    const waiting = (await assignments(tickets)).map((a, i) => (a.length === 0 ? tickets[i] : null)).filter((id): id is string => id !== null);
    expect(waiting).toHaveLength(8);

    const broken = waiting[3];
    failFor.add(broken);
    const failing = new RoutingEngine(failingStore(app.runtime.store), app.dataSource, () => now);
    await expect(failing.dispatch('acme')).rejects.toThrow(/1 of 8 assignments failed: simulated append failure/);
    const after = await assignments(waiting);
    expect(after.filter((_, i) => waiting[i] !== broken).every((a) => a.length === 1)).toBe(true);
    expect(after[waiting.indexOf(broken)]).toEqual([]);
    const [{ n: held }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM routing.capacity_reservations WHERE "ticketId" = $1`, [broken]);
    expect(held).toBe(0);

    failFor.clear();
    // The next round plans only what is unassigned (tickets reserved but not yet projected are
    // left out); once the projection has caught up, nothing else can be refused.
    await eventually(async () => ((await queued()) === 1 ? true : undefined), { timeoutMs: 20_000 });
    const retried = await new RoutingEngine(app.runtime.store, app.dataSource, () => now).dispatch('acme');
    expect(retried).toEqual({ done: true });
    const final = await assignments(tickets);
    expect(final.every((a) => a.length === 1)).toBe(true);
    const load = new Map<string, number>();
    for (const [agentId] of final) load.set(agentId, (load.get(agentId) ?? 0) + 1);
    for (const agentId of AGENTS) expect(load.get(agentId)).toBe(CHAT_CAPACITY + 2);
  });
});
