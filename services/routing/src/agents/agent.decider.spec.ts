import type { AgentProfileSetData, CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { AgentDomainError, agentDecider, type AgentCommand } from './agent.decider';

const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'supervisor', id: 'sup-1' }, correlationId: 'c-1', causationId: null, now: '2026-03-02T09:00:00.000Z' };
const registered = { agentId: 'a1', name: 'Ada', skills: ['general'], languages: ['en'], capacity: 5 };
const profile: AgentProfileSetData = { agentId: 'a1', skills: [{ groupId: 'general', level: 3 }], languages: ['en'], seniority: 3, channelCapacity: [{ channel: 'chat', capacity: 2 }], defaultCapacity: 5, reason: 'registered' };

const given = (events: NewEvent[]) =>
  events.map((e, i) => ({ ...e, eventId: `e${i}`, streamId: 'agent-acme.a1', streamPosition: i, globalPosition: String(i + 1) }) as unknown as EventEnvelope).reduce(agentDecider.evolve, agentDecider.initialState());
const when = (command: AgentCommand, history: NewEvent[] = []) => agentDecider.decide(command, given(history));

describe('agent decider', () => {
  it('registers an agent with its profile in one decision (one append), so neither exists without the other', () => {
    const events = when({ type: 'RegisterAgent', metadata, data: registered, profile });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['AgentRegistered', registered],
      ['AgentProfileSet', profile],
    ]);
    expect(events.every((e) => e.actor === metadata.actor && e.correlationId === 'c-1')).toBe(true);
  });

  it('registers without a profile when none is given', () => {
    expect(when({ type: 'RegisterAgent', metadata, data: registered }).map((e) => e.type)).toEqual(['AgentRegistered']);
  });

  it('refuses to register twice, and a profile for an agent that does not exist', () => {
    const first = when({ type: 'RegisterAgent', metadata, data: registered, profile });
    expect(() => when({ type: 'RegisterAgent', metadata, data: registered, profile }, first)).toThrow(AgentDomainError);
    expect(() => when({ type: 'SetProfile', metadata, data: profile })).toThrow(AgentDomainError);
  });
});
