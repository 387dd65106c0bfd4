import { chooseAgent } from './choose-agent';
import { compareQueued } from './queue-order';
import type { AgentSnapshot, Choice, GroupSnapshot, QueuedTicket } from './routing-model';

export interface PlannedAssignment extends Choice {
  ticketId: string;
  groupId: string;
}

/** Agents indexed by the groups they can work, so a decision looks at one group's agents only. */
export class AgentPool {
  private readonly byGroup = new Map<string, AgentSnapshot[]>();
  private readonly all: AgentSnapshot[];
  private readonly byId = new Map<string, AgentSnapshot>();

  constructor(agents: readonly AgentSnapshot[]) {
    this.all = agents.map((a) => ({ ...a, load: { ...a.load } }));
    for (const agent of this.all) {
      this.byId.set(agent.agentId, agent);
      for (const groupId of Object.keys(agent.skills)) this.byGroup.set(groupId, [...(this.byGroup.get(groupId) ?? []), agent]);
    }
  }

  candidates(group: GroupSnapshot): readonly AgentSnapshot[] {
    return group.openToAll ? this.all : (this.byGroup.get(group.groupId) ?? []);
  }

  /** Books the ticket on the agent so the next decision sees the new load. */
  book(agentId: string, channel: string, at: number): void {
    const agent = this.byId.get(agentId);
    if (!agent) return;
    agent.load[channel] = (agent.load[channel] ?? 0) + 1;
    agent.lastAssignedAt = at;
  }
}

/**
 * One dispatch round over a tenant's queues: in queue order, give each ticket the agent
 * `chooseAgent` picks, booking the load as it goes so one free slot is never promised twice.
 * Tickets nobody can take stay queued. Pure apart from the pool it books on.
 */
export function planAssignments(
  queue: readonly QueuedTicket[],
  groups: ReadonlyMap<string, GroupSnapshot>,
  pool: AgentPool,
  now: number,
): PlannedAssignment[] {
  const planned: PlannedAssignment[] = [];
  for (const ticket of [...queue].sort(compareQueued)) {
    const group = groups.get(ticket.groupId);
    if (!group) continue;
    const choice = chooseAgent(ticket, group, pool.candidates(group));
    if (choice.agentId === null) continue;
    pool.book(choice.agentId, ticket.channel, now);
    planned.push({ ...choice, ticketId: ticket.ticketId, groupId: ticket.groupId });
  }
  return planned;
}
