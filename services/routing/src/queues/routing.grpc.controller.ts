import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { RoutingCommandsService } from './routing-commands.service';
import { RoutingQueriesService } from './routing-queries.service';
import { HandBackRequest } from './routing.request';

const ID = /^[\w.@-]{1,200}$/;

/** proto3 has no absent strings: an empty `to_agent_id` means "to the group's queue". */
class TransferTicketMessage {
  @Matches(ID, { message: 'ticketId may contain letters, digits and . @ - _' })
  ticketId!: string;

  @IsString()
  @Length(1, 200)
  toGroupId!: string;

  @IsOptional()
  @Matches(/^([\w.@-]{1,200})?$/, { message: 'toAgentId may contain letters, digits and . @ - _' })
  toAgentId?: string;

  @IsString()
  @Length(1, 1000)
  reason!: string;
}

class HandBackTicketMessage extends HandBackRequest {
  @Matches(ID, { message: 'ticketId may contain letters, digits and . @ - _' })
  ticketId!: string;
}

class PullTicketMessage {
  @IsString()
  @Length(1, 200)
  groupId!: string;
}

/** gRPC face of the routing read models and commands (libs/contracts/proto/routing.proto). */
@Controller()
export class RoutingGrpcController {
  constructor(
    private readonly queries: RoutingQueriesService,
    private readonly commands: RoutingCommandsService,
  ) {}

  @GrpcMethod('RoutingService', 'ListQueues')
  @Roles('agent', 'supervisor', 'analyst')
  listQueues(@CurrentPrincipal() principal: Principal) {
    return this.queries.queues(principal.tenantId);
  }

  @GrpcMethod('RoutingService', 'ListAtRisk')
  @Roles('supervisor', 'analyst', 'agent')
  listAtRisk(@Payload() request: { limit?: number }, @CurrentPrincipal() principal: Principal) {
    const limit = request.limit && request.limit > 0 ? Math.min(request.limit, 1000) : 50;
    return this.queries.atRisk(principal.tenantId, Date.now(), limit);
  }

  @GrpcMethod('RoutingService', 'GetSlaStatus')
  @Roles('agent', 'supervisor', 'analyst')
  getSlaStatus(@Payload() request: { ticketId: string }, @CurrentPrincipal() principal: Principal) {
    return this.queries.slaStatus(principal.tenantId, request.ticketId, Date.now());
  }

  @GrpcMethod('RoutingService', 'TransferTicket')
  @Roles('supervisor')
  async transferTicket(@Payload() request: TransferTicketMessage, @CommandContext() metadata: CommandMetadata) {
    const moved = await this.commands.transfer(request.ticketId, { toGroupId: request.toGroupId, toAgentId: request.toAgentId || null, reason: request.reason }, metadata);
    return { ...moved, agentId: moved.agentId ?? '' };
  }

  @GrpcMethod('RoutingService', 'HandBackTicket')
  @Roles('agent', 'supervisor')
  async handBackTicket(@Payload() request: HandBackTicketMessage, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    await this.commands.handBack(request.ticketId, request.reason, principal, metadata);
    return { ticketId: request.ticketId };
  }

  @GrpcMethod('RoutingService', 'PullTicket')
  @Roles('agent')
  async pullTicket(@Payload() request: PullTicketMessage, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    const pulled = await this.commands.pull(request.groupId, principal, metadata);
    return { ticketId: pulled.ticketId ?? '' };
  }
}
