import fc from 'fast-check';
import { capacityOn, chooseAgent, hasSkill, loadOn, speaks } from './choose-agent';
import { AgentPool, planAssignments } from './plan-assignments';
import { compareQueued, tierOf } from './queue-order';
import type { AgentSnapshot, GroupSnapshot, QueuedTicket } from './routing-model';

const agent = (agentId: string, over: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  agentId, presence: 'online', skills: { refunds: 3 }, languages: ['en'], seniority: 2,
  channelCapacity: { chat: 2 }, defaultCapacity: 5, load: {}, lastAssignedAt: 0, ...over,
});
const ticket = (ticketId: string, over: Partial<QueuedTicket> = {}): QueuedTicket => ({
  ticketId, groupId: 'refunds', channel: 'chat', language: 'en', vip: false, tier: 'regular', priority: 'normal', dueAt: null, queuedAt: 0, ...over,
});
const refunds: GroupSnapshot = { groupId: 'refunds', strategy: 'skills_least_loaded', openToAll: false };

describe('chooseAgent', () => {
  it('considers only online agents with the skill, the language and free capacity on the channel', () => {
    const pool = [
      agent('away', { presence: 'away' }),
      agent('no-skill', { skills: { security: 5 } }),
      agent('no-lang', { languages: ['de'] }),
      agent('chat-full', { load: { chat: 2 }, defaultCapacity: 20 }),
    ];
    const none = chooseAgent(ticket('t1'), refunds, pool);
    expect(none.agentId).toBeNull();
    expect(none.explanation).toContain('no agent free in refunds');
    // The same agent with email room takes an email ticket: capacity is per channel.
    expect(chooseAgent(ticket('t2', { channel: 'email' }), refunds, pool).agentId).toBe('chat-full');
  });

  it('prefers the least loaded by share of channel capacity, then round-robin, then id', () => {
    const pool = [agent('a', { load: { chat: 1 } }), agent('b', { channelCapacity: { chat: 4 }, load: { chat: 1 } })];
    expect(chooseAgent(ticket('t'), refunds, pool)).toMatchObject({ agentId: 'b', reason: 'least_loaded' });
    const tied = [agent('a', { lastAssignedAt: 20 }), agent('b', { lastAssignedAt: 10 })];
    expect(chooseAgent(ticket('t'), refunds, tied).agentId).toBe('b');
    expect(chooseAgent(ticket('t'), refunds, [agent('b'), agent('a')]).agentId).toBe('a');
  });

  it('sends VIP and complex tickets to the most senior, then most skilled, even when busier', () => {
    const pool = [agent('junior', { seniority: 1 }), agent('senior', { seniority: 3, load: { chat: 1 } }), agent('senior-expert', { seniority: 3, skills: { refunds: 5 }, load: { chat: 1 } })];
    expect(chooseAgent(ticket('t', { vip: true }), refunds, pool)).toMatchObject({ agentId: 'senior-expert', reason: 'vip_dedicated' });
    expect(chooseAgent(ticket('t', { tier: 'complex' }), refunds, pool)).toMatchObject({ agentId: 'senior-expert', reason: 'skill_match' });
    expect(chooseAgent(ticket('t'), refunds, pool).agentId).toBe('junior');
  });

  it('round-robin groups ignore load; manual-pull groups assign nobody', () => {
    const pool = [agent('busy', { load: { chat: 1 }, lastAssignedAt: 1 }), agent('idle', { lastAssignedAt: 2 })];
    expect(chooseAgent(ticket('t'), { ...refunds, strategy: 'round_robin' }, pool)).toMatchObject({ agentId: 'busy', reason: 'round_robin' });
    expect(chooseAgent(ticket('t'), { ...refunds, strategy: 'manual_pull' }, pool).agentId).toBeNull();
  });

  it('open groups take any agent; language tags match by prefix', () => {
    expect(chooseAgent(ticket('t', { groupId: 'general', language: 'en-GB' }), { groupId: 'general', strategy: 'skills_least_loaded', openToAll: true }, [agent('x', { skills: {} })]).agentId).toBe('x');
    expect(speaks(agent('x', { languages: ['en-GB'] }), 'en')).toBe(false);
  });
});

describe('queue order and tiers', () => {
  it('puts VIP first, then urgent, complex, regular, then priority, deadline, age', () => {
    const q = [
      ticket('old-regular', { queuedAt: 1 }),
      ticket('young-regular', { queuedAt: 2 }),
      ticket('due-soon', { queuedAt: 3, dueAt: 100 }),
      ticket('high', { priority: 'high', queuedAt: 9 }),
      ticket('complex', { tier: 'complex', priority: 'low' }),
      ticket('urgent', { tier: 'urgent', priority: 'urgent' }),
      ticket('vip', { vip: true, priority: 'low', queuedAt: 99 }),
    ];
    expect([...q].sort(compareQueued).map((t) => t.ticketId)).toEqual(['vip', 'urgent', 'complex', 'high', 'due-soon', 'old-regular', 'young-regular']);
    expect(tierOf({ priority: 'urgent', category: 'refund', escalationLevel: 0 }, ['refund'])).toBe('urgent');
    expect(tierOf({ priority: 'high', category: 'refund', escalationLevel: 0 }, ['refund'])).toBe('complex');
    expect(tierOf({ priority: null, category: null, escalationLevel: 0 }, ['refund'])).toBe('regular');
  });
});

describe('planAssignments (property)', () => {
  const arbAgent = fc.record({
    agentId: fc.constantFrom<string>('a1', 'a2', 'a3', 'a4', 'a5', 'a6'),
    presence: fc.constantFrom('online', 'online', 'away', 'offline'),
    skills: fc.dictionary(fc.constantFrom('g1', 'g2', 'g3'), fc.integer({ min: 1, max: 5 })),
    languages: fc.subarray(['en', 'de', 'zh']),
    seniority: fc.integer({ min: 1, max: 3 }),
    channelCapacity: fc.dictionary(fc.constantFrom('chat', 'email'), fc.integer({ min: 0, max: 3 })),
    defaultCapacity: fc.integer({ min: 0, max: 3 }),
    load: fc.dictionary(fc.constantFrom('chat', 'email'), fc.integer({ min: 0, max: 3 })),
    lastAssignedAt: fc.integer({ min: 0, max: 10 }),
  });
  const arbTicket = fc.record({
    ticketId: fc.uuid(), groupId: fc.constantFrom('g1', 'g2', 'g3'), channel: fc.constantFrom('chat', 'email'), language: fc.constantFrom('en', 'de', 'zh'),
    vip: fc.boolean(), tier: fc.constantFrom('urgent', 'complex', 'regular' as const), priority: fc.constantFrom('urgent', 'high', 'normal', 'low', null),
    dueAt: fc.option(fc.integer({ min: 0, max: 1000 })), queuedAt: fc.integer({ min: 0, max: 1000 }),
  });
  const groups = new Map<string, GroupSnapshot>([
    ['g1', { groupId: 'g1', strategy: 'skills_least_loaded', openToAll: false }],
    ['g2', { groupId: 'g2', strategy: 'round_robin', openToAll: false }],
    ['g3', { groupId: 'g3', strategy: 'manual_pull', openToAll: false }],
  ]);

  it('never overbooks a channel, assigns only eligible agents, never twice, and leaves a ticket queued only when nobody eligible is free', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbAgent, { selector: (a) => a.agentId }), fc.uniqueArray(arbTicket, { selector: (t) => t.ticketId, maxLength: 30 }), (agents, queue) => {
        const plan = planAssignments(queue, groups, new AgentPool(agents), 1_000);
        expect(new Set(plan.map((p) => p.ticketId)).size).toBe(plan.length);
        const load = new Map(agents.map((a) => [a.agentId, { ...a.load }]));
        for (const p of plan) {
          const t = queue.find((q) => q.ticketId === p.ticketId) as QueuedTicket;
          const a = agents.find((x) => x.agentId === p.agentId) as AgentSnapshot;
          const l = load.get(a.agentId) as Record<string, number>;
          expect(groups.get(t.groupId)?.strategy).not.toBe('manual_pull');
          expect(a.presence).toBe('online');
          expect(hasSkill(a, groups.get(t.groupId) as GroupSnapshot) && speaks(a, t.language)).toBe(true);
          expect(l[t.channel] ?? 0).toBeLessThan(capacityOn(a, t.channel));
          l[t.channel] = (l[t.channel] ?? 0) + 1;
        }
        // A ticket left queued in an automatic group had nobody eligible with room at the end.
        const assigned = new Set(plan.map((p) => p.ticketId));
        for (const t of queue.filter((q) => !assigned.has(q.ticketId) && groups.get(q.groupId)?.strategy !== 'manual_pull')) {
          const room = agents.some((a) => a.presence === 'online' && hasSkill(a, groups.get(t.groupId) as GroupSnapshot) && speaks(a, t.language) && loadOn({ ...a, load: load.get(a.agentId) as Record<string, number> }, t.channel) < capacityOn(a, t.channel));
          expect(room).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
