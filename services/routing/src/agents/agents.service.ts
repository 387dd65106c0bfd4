import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { streamId, type CommandMetadata, type AgentPresence } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent, type Principal } from '@ticketing/platform';
import type { Repository } from 'typeorm';
import { AgentRosterEntry } from '../agent-roster/agent-roster.entity';
import { agentDecider } from './agent.decider';
import type { RegisterAgentRequest } from './register-agent.request';


export interface AgentView {
  agentId: string;
  name: string;
  presence: string;
  capacity: number;
  openTickets: number;
  skills: string[];
  languages: string[];
}

/** Agent commands go to the agent's stream; reads come from the roster read model. */
@Injectable()
export class AgentsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectRepository(AgentRosterEntry) private readonly roster: Repository<AgentRosterEntry>,
  ) {}

  async register(request: RegisterAgentRequest, metadata: CommandMetadata): Promise<void> {
    await handleCommand({
      store: this.store,
      // Tenant in the stream id: two tenants may both have an "agent-1".
      streamId: agentStream(metadata.tenantId, request.agentId),
      decider: agentDecider,
      command: { type: 'RegisterAgent', metadata, data: { ...request } },
      validate: validateNewEvent,
    });
  }

  async setPresence(agentId: string, presence: AgentPresence, metadata: CommandMetadata): Promise<void> {
    await handleCommand({
      store: this.store,
      streamId: agentStream(metadata.tenantId, agentId),
      decider: agentDecider,
      command: { type: 'ChangePresence', metadata, data: { agentId, presence } },
      validate: validateNewEvent,
    });
  }

  /** Agents set only their own presence; supervisors anyone's in their tenant. */
  assertMayActFor(principal: Principal, agentId: string): void {
    if (principal.role === 'agent' && principal.actor.id !== agentId) {
      throw new ForbiddenException('agents may only change their own presence');
    }
  }

  async list(tenantId: string): Promise<AgentView[]> {
    const rows = await this.roster.find({ where: { tenantId }, order: { agentId: 'ASC' } });
    return rows.map(({ agentId, name, presence, capacity, openTickets, skills, languages }) => ({
      agentId, name, presence, capacity, openTickets, skills, languages,
    }));
  }
}

export function agentStream(tenantId: string, agentId: string): string {
  return streamId('agent', `${tenantId}.${agentId}`);
}
