import type { CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { AgentPresenceChanged, stampEvent, AgentProfileSet, AgentRegistered, type AgentPresence, type AgentProfileSetData, type AgentRegisteredData } from '@ticketing/contracts';

/** The agent aggregate (`agent-<id>`): registration and presence. Pure; no I/O. */
export type AgentCommand =
  /** With `profile`, the agent and its profile are registered in one append (never one without the other). */
  | { type: 'RegisterAgent'; metadata: CommandMetadata; data: AgentRegisteredData; profile?: AgentProfileSetData }
  | { type: 'ChangePresence'; metadata: CommandMetadata; data: { agentId: string; presence: AgentPresence } }
  | { type: 'SetProfile'; metadata: CommandMetadata; data: AgentProfileSetData };

export interface AgentState {
  registered: boolean;
  tenantId: string | null;
  presence: AgentPresence;
}

export class AgentDomainError extends Error {
  constructor(readonly code: 'agent_not_found' | 'agent_already_exists' | 'tenant_mismatch', message: string) {
    super(message);
    this.name = 'AgentDomainError';
  }
}

export const initialAgentState = (): AgentState => ({ registered: false, tenantId: null, presence: 'offline' });

export function decideAgent(command: AgentCommand, state: AgentState): NewEvent[] {
  switch (command.type) {
    case 'RegisterAgent':
      if (state.registered) throw new AgentDomainError('agent_already_exists', `agent ${command.data.agentId} already exists`);
      return [stampEvent(AgentRegistered, command.metadata, command.data), ...(command.profile ? [stampEvent(AgentProfileSet, command.metadata, command.profile)] : [])];
    case 'SetProfile':
      if (!state.registered || state.tenantId !== command.metadata.tenantId) throw new AgentDomainError('agent_not_found', `agent ${command.data.agentId} does not exist`);
      return [stampEvent(AgentProfileSet, command.metadata, command.data)];
    case 'ChangePresence':
      if (!state.registered) throw new AgentDomainError('agent_not_found', `agent ${command.data.agentId} does not exist`);
      // Tenant isolation: the stream id space is shared, the agent is not.
      if (state.tenantId !== command.metadata.tenantId) throw new AgentDomainError('agent_not_found', `agent ${command.data.agentId} does not exist`);
      if (state.presence === command.data.presence) return [];
      return [stampEvent(AgentPresenceChanged, command.metadata, command.data)];
    default: {
      const unknownCommand: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

export function evolveAgent(state: AgentState, event: EventEnvelope): AgentState {
  if (AgentRegistered.is(event)) return { registered: true, tenantId: event.tenantId, presence: 'offline' };
  if (AgentPresenceChanged.is(event)) return { ...state, presence: event.data.presence };
  return state;
}

export const agentDecider = { decide: decideAgent, evolve: evolveAgent, initialState: initialAgentState };
