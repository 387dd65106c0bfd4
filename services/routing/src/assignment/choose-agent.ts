import type { AgentSnapshot, Choice, GroupSnapshot, NoChoice, QueuedTicket } from './routing-model';

export const capacityOn = (agent: AgentSnapshot, channel: string): number => agent.channelCapacity[channel] ?? agent.defaultCapacity;
export const loadOn = (agent: AgentSnapshot, channel: string): number => agent.load[channel] ?? 0;
const totalLoad = (agent: AgentSnapshot): number => Object.values(agent.load).reduce((s, n) => s + n, 0);
const totalCapacity = (agent: AgentSnapshot): number =>
  Math.max(1, agent.defaultCapacity, ...Object.values(agent.channelCapacity));

/** `en` serves `en` and `en-GB` tickets; `en-GB` serves `en-GB` only; an agent who lists no
 * languages is not restricted by language. */
export function speaks(agent: AgentSnapshot, language: string): boolean {
  if (agent.languages.length === 0) return true;
  const wanted = language.toLowerCase();
  return agent.languages.some((l) => {
    const has = l.toLowerCase();
    return has === wanted || wanted.startsWith(`${has}-`);
  });
}

export function hasSkill(agent: AgentSnapshot, group: GroupSnapshot): boolean {
  return group.openToAll || agent.skills[group.groupId] !== undefined;
}

/**
 * Who takes a queued ticket. Eligible: online, holds the group's skill, speaks the ticket's
 * language, and has free capacity on its channel. Then by the group's strategy:
 * - skills_least_loaded: VIP and complex tickets go to the most senior (then most skilled) first;
 *   among equals the least loaded by share of capacity, ties broken round-robin (longest since
 *   last assignment), then by id so the choice replays identically;
 * - round_robin: whoever got a ticket longest ago;
 * - manual_pull: nobody — agents pull from the queue themselves.
 * Pure; the explanation says why, for the audit trail.
 */
export function chooseAgent(ticket: QueuedTicket, group: GroupSnapshot, agents: readonly AgentSnapshot[]): Choice | NoChoice {
  if (group.strategy === 'manual_pull') return { agentId: null, explanation: `group ${group.groupId} is manual pull: agents take tickets themselves` };
  let best: AgentSnapshot | undefined;
  let eligible = 0;
  let online = 0;
  const senior = ticket.vip || ticket.tier === 'complex';
  for (const agent of agents) {
    if (agent.presence !== 'online') continue;
    online++;
    if (!hasSkill(agent, group) || !speaks(agent, ticket.language) || loadOn(agent, ticket.channel) >= capacityOn(agent, ticket.channel)) continue;
    eligible++;
    if (!best || better(agent, best, group, ticket, senior)) best = agent;
  }
  if (!best) {
    return { agentId: null, explanation: `no agent free in ${group.groupId}: ${online} online, none with the skill, ${ticket.language} and free ${ticket.channel} capacity` };
  }
  const load = `${loadOn(best, ticket.channel)}/${capacityOn(best, ticket.channel)} ${ticket.channel}`;
  const skill = group.openToAll && best.skills[group.groupId] === undefined ? `open group ${group.groupId}` : `skill ${group.groupId} level ${best.skills[group.groupId]}`;
  const facts = `${skill}, speaks ${ticket.language}, load ${load}, seniority ${best.seniority}`;
  if (group.strategy === 'round_robin') {
    return { agentId: best.agentId, reason: 'round_robin', explanation: `round robin: longest without a ticket among ${eligible} eligible; ${facts}` };
  }
  if (senior) {
    return {
      agentId: best.agentId,
      reason: ticket.vip ? 'vip_dedicated' : 'skill_match',
      explanation: `${ticket.vip ? 'VIP green channel' : 'complex tier'}: most senior, then least loaded among ${eligible} eligible; ${facts}`,
    };
  }
  return { agentId: best.agentId, reason: 'least_loaded', explanation: `least loaded among ${eligible} eligible; ${facts}` };
}

function better(a: AgentSnapshot, b: AgentSnapshot, group: GroupSnapshot, ticket: QueuedTicket, senior: boolean): boolean {
  if (group.strategy === 'skills_least_loaded') {
    if (senior) {
      if (a.seniority !== b.seniority) return a.seniority > b.seniority;
      const la = a.skills[group.groupId] ?? 0;
      const lb = b.skills[group.groupId] ?? 0;
      if (la !== lb) return la > lb;
    }
    const sa = loadOn(a, ticket.channel) / Math.max(1, capacityOn(a, ticket.channel)) + totalLoad(a) / totalCapacity(a) / 1000;
    const sb = loadOn(b, ticket.channel) / Math.max(1, capacityOn(b, ticket.channel)) + totalLoad(b) / totalCapacity(b) / 1000;
    if (sa !== sb) return sa < sb;
  }
  if (a.lastAssignedAt !== b.lastAssignedAt) return a.lastAssignedAt < b.lastAssignedAt;
  return a.agentId < b.agentId;
}
