import { chooseAgent, type Candidate } from './choose-agent';

const agent = (agentId: string, over: Partial<Candidate> = {}): Candidate => ({
  agentId,
  presence: 'online',
  capacity: 5,
  openTickets: 0,
  languages: ['en'],
  lastAssignedAt: null,
  ...over,
});

describe('chooseAgent', () => {
  it('returns nobody when no agent is online with free capacity', () => {
    expect(chooseAgent([agent('a', { presence: 'away' }), agent('b', { openTickets: 5 }), agent('c', { presence: 'offline' })], { language: 'en' })).toBeUndefined();
  });

  it('prefers the least loaded by share of capacity', () => {
    const choice = chooseAgent([agent('a', { openTickets: 2 }), agent('b', { openTickets: 3, capacity: 10 })], { language: 'en' });
    expect(choice?.agentId).toBe('b');
  });

  it('breaks ties round-robin: whoever got a ticket longest ago', () => {
    const choice = chooseAgent(
      [agent('a', { lastAssignedAt: new Date('2026-01-01T10:00:00Z') }), agent('b', { lastAssignedAt: new Date('2026-01-01T09:00:00Z') })],
      { language: 'en' },
    );
    expect(choice?.agentId).toBe('b');
  });

  it('prefers agents who speak the language, falling back to anyone free', () => {
    const pool = [agent('a'), agent('b', { languages: ['zh-CN'], openTickets: 4 })];
    expect(chooseAgent(pool, { language: 'zh-CN' })?.agentId).toBe('b');
    expect(chooseAgent([agent('a')], { language: 'de' })?.explanation).toContain('no online agent speaks de');
  });
});
