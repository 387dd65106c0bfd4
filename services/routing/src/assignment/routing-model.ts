import type { AssignmentReason, AssignmentStrategy, Priority, TicketTier } from '@ticketing/contracts';

/** What assignment knows about an agent: skills with levels, presence and load per channel. */
export interface AgentSnapshot {
  agentId: string;
  presence: string;
  /** groupId → skill level 1..5. */
  skills: Record<string, number>;
  languages: string[];
  /** 1 junior, 2 regular, 3 senior. */
  seniority: number;
  /** Capacity per channel; channels not listed use `defaultCapacity`. */
  channelCapacity: Record<string, number>;
  defaultCapacity: number;
  /** Open tickets per channel. */
  load: Record<string, number>;
  /** Epoch ms of the agent's last assignment (0 = never): the round-robin order. */
  lastAssignedAt: number;
}

export interface GroupSnapshot {
  groupId: string;
  strategy: AssignmentStrategy;
  openToAll: boolean;
}

/** A ticket waiting in a queue, with what orders it and what an agent needs to take it. */
export interface QueuedTicket {
  ticketId: string;
  groupId: string;
  channel: string;
  language: string;
  vip: boolean;
  tier: TicketTier;
  priority: Priority | null;
  /** The earliest running SLA deadline (epoch ms), null without one. */
  dueAt: number | null;
  queuedAt: number;
}

export interface Choice {
  agentId: string;
  reason: AssignmentReason;
  explanation: string;
}

export interface NoChoice {
  agentId: null;
  explanation: string;
}
