/** The facts about an agent that assignment weighs. */
export interface Candidate {
  agentId: string;
  presence: string;
  capacity: number;
  openTickets: number;
  languages: string[];
  lastAssignedAt: Date | null;
}

export interface Choice {
  agentId: string;
  explanation: string;
}

/**
 * Picks the agent for a ticket: online, with free capacity and (when any such agent exists) the
 * ticket's language; among those the least loaded by share of capacity, ties broken by who got a
 * ticket longest ago (round-robin), then by id so the choice is deterministic. Pure.
 */
export function chooseAgent(candidates: Candidate[], ticket: { language: string }): Choice | undefined {
  const free = candidates.filter((c) => c.presence === 'online' && c.openTickets < c.capacity);
  if (free.length === 0) return undefined;
  const language = ticket.language.toLowerCase();
  const speaks = (c: Candidate) => c.languages.some((l) => l.toLowerCase() === language || language.startsWith(`${l.toLowerCase()}-`));
  const speakers = free.filter(speaks);
  const pool = speakers.length > 0 ? speakers : free;
  const best = [...pool].sort(
    (a, b) =>
      a.openTickets / a.capacity - b.openTickets / b.capacity ||
      (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) ||
      a.agentId.localeCompare(b.agentId),
  )[0];
  const load = `${best.openTickets}/${best.capacity}`;
  const why = speakers.length > 0 ? `speaks ${ticket.language}` : `no online agent speaks ${ticket.language}`;
  return {
    agentId: best.agentId,
    explanation: `least loaded online agent (${load} tickets) among ${pool.length} with free capacity; ${why}`,
  };
}
