import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { AgentsService, type AgentView } from './agents.service';
import { AgentProfileRequest, RegisterAgentRequest, SetPresenceRequest } from './register-agent.request';

@ApiTags('routing')
@Controller('agents')
export class AgentsHttpController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  @HttpCode(201)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Register an agent with skills, languages and capacity' })
  async register(@Body() request: RegisterAgentRequest, @CommandContext() metadata: CommandMetadata): Promise<{ agentId: string }> {
    await this.agents.register(request, metadata);
    return { agentId: request.agentId };
  }

  @Put(':agentId/presence')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Set an agent online, away or offline (agents may only set their own)' })
  async setPresence(
    @Param('agentId') agentId: string,
    @Body() request: SetPresenceRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ agentId: string; presence: string }> {
    this.agents.assertMayActFor(principal, agentId);
    await this.agents.setPresence(agentId, request.presence, metadata);
    return { agentId, presence: request.presence };
  }

  @Put(':agentId/profile')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Set an agent's skill levels, languages, seniority and per-channel capacity" })
  async setProfile(
    @Param('agentId') agentId: string,
    @Body() request: AgentProfileRequest,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<{ agentId: string }> {
    await this.agents.setProfile(agentId, request, metadata);
    return { agentId };
  }

  @Get()
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "The tenant's agents with presence and load" })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ agents: AgentView[] }> {
    return { agents: await this.agents.list(principal.tenantId) };
  }
}
