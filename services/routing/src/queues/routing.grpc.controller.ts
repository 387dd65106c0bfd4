import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { RoutingQueriesService } from './routing-queries.service';

/** gRPC face of the routing read models (libs/contracts/proto/routing.proto). */
@Controller()
export class RoutingGrpcController {
  constructor(private readonly queries: RoutingQueriesService) {}

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
}
