import { arrayOf, defineEvent, integer, oneOf, string } from '../ticket/events-kit';
import { StreamCategory } from '../streams';

/** Agents live in `agent-<agentId>`; routing owns them. */
export const AGENT_PRESENCES = ['online', 'away', 'offline'] as const;
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

export interface AgentRegisteredData {
  agentId: string;
  name: string;
  skills: string[];
  languages: string[];
  /** Tickets the agent may hold at once (all channels, until per-channel capacity lands). */
  capacity: number;
}

export const AgentRegistered = defineEvent<'AgentRegistered', AgentRegisteredData>({
  type: 'AgentRegistered',
  summary: 'An agent joined the tenant with skills, languages and capacity (presence starts offline).',
  streamCategory: StreamCategory.agent,
  producers: ['routing'],
  consumers: ['routing', 'feedback'],
  schema: {
    agentId: string('The agent; the stream is `agent-<agentId>`.', { maxLength: 200 }),
    name: string('Display name.', { maxLength: 200 }),
    skills: arrayOf(string('A skill group id.'), 'Skill groups the agent can work.', { maxItems: 100 }),
    languages: arrayOf(string('A BCP 47 language tag.'), 'Languages the agent answers in.', { maxItems: 50 }),
    capacity: integer('Tickets the agent may hold at once.', { min: 0, max: 1000 }),
  },
});

export interface AgentPresenceChangedData {
  agentId: string;
  presence: AgentPresence;
}

export const AgentPresenceChanged = defineEvent<'AgentPresenceChanged', AgentPresenceChangedData>({
  type: 'AgentPresenceChanged',
  summary: 'The agent went online, away or offline.',
  streamCategory: StreamCategory.agent,
  producers: ['routing'],
  consumers: ['routing'],
  schema: {
    agentId: string('The agent.', { maxLength: 200 }),
    presence: oneOf(AGENT_PRESENCES, 'New presence.'),
  },
});

export const agentEventDefinitions = [AgentRegistered, AgentPresenceChanged] as const;
