import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { streamId, type AgentPresence, type AgentProfileSetData, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent, type Principal } from '@ticketing/platform';
import type { DataSource } from 'typeorm';
import { agentSnapshots } from '../engine/routing-engine';
import { loadSettings } from '../settings/routing-settings.projection';
import { agentDecider } from './agent.decider';
import type { AgentProfileRequest, RegisterAgentRequest } from './register-agent.request';

type ProfileInput = Pick<AgentProfileRequest, 'languages' | 'capacity'> & Partial<Pick<AgentProfileRequest, 'skillLevels' | 'seniority' | 'channelCapacity' | 'reason'>>;

export interface AgentView {
  agentId: string;
  name: string;
  presence: string;
  capacity: number;
  openTickets: number;
  skills: string[];
  languages: string[];
  seniority: number;
  skillLevels: Record<string, number>;
  channelCapacity: Record<string, number>;
  loadByChannel: Record<string, number>;
}

/** Agent commands go to the agent's stream; reads come from the roster read model. */
@Injectable()
export class AgentsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One append: the agent with its profile when one is given, checked before anything is written. */
  async register(request: RegisterAgentRequest, metadata: CommandMetadata): Promise<void> {
    const { agentId, name, skills, languages, capacity } = request;
    const withProfile = request.seniority !== undefined || request.skillLevels !== undefined || request.channelCapacity !== undefined;
    const profile = withProfile
      ? await this.profile(agentId, { ...request, skillLevels: request.skillLevels ?? skills.map((groupId) => ({ groupId, level: 1 })), reason: 'registered' }, metadata.tenantId)
      : undefined;
    await this.run(agentId, { type: 'RegisterAgent', metadata, data: { agentId, name, skills, languages, capacity }, profile });
  }

  async setProfile(agentId: string, request: ProfileInput, metadata: CommandMetadata): Promise<void> {
    await this.run(agentId, { type: 'SetProfile', metadata, data: await this.profile(agentId, request, metadata.tenantId) });
  }

  /** Skills must name groups the tenant has configured: a typo would silently starve a queue. */
  private async profile(agentId: string, request: ProfileInput, tenantId: string): Promise<AgentProfileSetData> {
    const settings = await loadSettings(this.dataSource.manager, tenantId);
    const known = new Set(settings.groups.map((g) => g.groupId));
    const skills = request.skillLevels ?? [];
    const unknown = skills.map((s, i) => ({ s, i })).filter(({ s }) => !known.has(s.groupId));
    if (unknown.length > 0) throw new InputValidationError(unknown.map(({ s, i }) => ({ field: `skillLevels[${i}].groupId`, message: `unknown group ${s.groupId}` })));
    return {
      agentId,
      skills,
      languages: request.languages,
      seniority: request.seniority ?? 2,
      channelCapacity: request.channelCapacity ?? [],
      defaultCapacity: request.capacity,
      reason: request.reason ?? 'profile updated',
    };
  }

  async setPresence(agentId: string, presence: AgentPresence, metadata: CommandMetadata): Promise<void> {
    await this.run(agentId, { type: 'ChangePresence', metadata, data: { agentId, presence } });
  }

  private async run(agentId: string, command: Parameters<typeof agentDecider.decide>[0]): Promise<void> {
    await handleCommand({
      store: this.store,
      // Tenant in the stream id: two tenants may both have an "agent-1".
      streamId: agentStream(command.metadata.tenantId, agentId),
      decider: agentDecider,
      command,
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
    const [snapshots, names] = await Promise.all([
      agentSnapshots(this.dataSource.manager, tenantId),
      this.dataSource.query(`SELECT "agentId", name FROM "routing"."agent_roster" WHERE "tenantId" = $1`, [tenantId]),
    ]);
    const nameOf = new Map((names as { agentId: string; name: string }[]).map((n) => [n.agentId, n.name]));
    return snapshots
      .map((a) => ({
        agentId: a.agentId,
        name: nameOf.get(a.agentId) ?? a.agentId,
        presence: a.presence,
        capacity: a.defaultCapacity,
        openTickets: Object.values(a.load).reduce((s, n) => s + n, 0),
        skills: Object.keys(a.skills),
        languages: a.languages,
        seniority: a.seniority,
        skillLevels: a.skills,
        channelCapacity: a.channelCapacity,
        loadByChannel: a.load,
      }))
      .sort((a, b) => a.agentId.localeCompare(b.agentId));
  }
}

export function agentStream(tenantId: string, agentId: string): string {
  return streamId('agent', `${tenantId}.${agentId}`);
}
