import { Controller, NotFoundException } from '@nestjs/common';
import { Matches } from 'class-validator';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { AgentsService, type AgentView } from './agents.service';
import { RegisterAgentRequest, SetPresenceRequest } from './register-agent.request';

class SetPresenceMessage extends SetPresenceRequest {
  @Matches(/^[\w.@-]{1,200}$/, { message: 'agentId may contain letters, digits and . @ - _' })
  agentId!: string;
}

/** gRPC face of the same use cases as AgentsHttpController (libs/contracts/proto/routing.proto). */
@Controller()
export class AgentsGrpcController {
  constructor(private readonly agents: AgentsService) {}

  @GrpcMethod('RoutingService', 'RegisterAgent')
  @Roles('supervisor')
  async registerAgent(@Payload() request: RegisterAgentRequest, @CommandContext() metadata: CommandMetadata): Promise<AgentView> {
    await this.agents.register(request, metadata);
    const { agentId, name, skills, languages, capacity } = request;
    const skillLevels = Object.fromEntries((request.skillLevels ?? skills.map((groupId) => ({ groupId, level: 1 }))).map((s) => [s.groupId, s.level]));
    const channelCapacity = Object.fromEntries((request.channelCapacity ?? []).map((c) => [c.channel, c.capacity]));
    return { agentId, name, skills, languages, capacity, presence: 'offline', openTickets: 0, seniority: request.seniority ?? 2, skillLevels, channelCapacity, loadByChannel: {} };
  }

  @GrpcMethod('RoutingService', 'SetPresence')
  @Roles('agent', 'supervisor')
  async setPresence(
    @Payload() request: SetPresenceMessage,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AgentView> {
    this.agents.assertMayActFor(principal, request.agentId);
    await this.agents.setPresence(request.agentId, request.presence, metadata);
    return { ...(await this.viewOf(metadata.tenantId, request.agentId)), presence: request.presence };
  }

  @GrpcMethod('RoutingService', 'ListAgents')
  @Roles('agent', 'supervisor', 'analyst')
  async listAgents(@CurrentPrincipal() principal: Principal): Promise<{ agents: AgentView[] }> {
    return { agents: await this.agents.list(principal.tenantId) };
  }

  /** The roster is eventually consistent; right after a command the caller gets what is known. */
  private async viewOf(tenantId: string, agentId: string): Promise<AgentView> {
    const view = (await this.agents.list(tenantId)).find((a) => a.agentId === agentId);
    if (!view) throw new NotFoundException(`agent ${agentId} is not in the roster yet`);
    return view;
  }
}
