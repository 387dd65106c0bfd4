import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { TicketRef } from '../grpc-messages';
import { OnTicket, type TicketCall } from '../http-action';
import { ResolvingActions } from './resolving.actions';
import { CloseRequest, MergeRequest, ReopenRequest, ResolveRequest } from './resolving.requests';

class ResolveMessage extends IntersectionType(ResolveRequest, TicketRef) {}
class ReopenMessage extends IntersectionType(ReopenRequest, TicketRef) {}
class CloseMessage extends IntersectionType(CloseRequest, TicketRef) {}
class MergeMessage extends IntersectionType(MergeRequest, TicketRef) {}

/** Resolve, reopen, close and merge over gRPC, with the same rules as REST. */
@Controller()
export class ResolvingGrpcController {
  constructor(private readonly resolving: ResolvingActions) {}

  @GrpcMethod('ResolutionService', 'ResolveTicket')
  @Roles('agent', 'supervisor')
  resolve(@Payload() m: ResolveMessage, @OnTicket() call: TicketCall) {
    return this.resolving.resolve(call, m);
  }

  @GrpcMethod('ResolutionService', 'ReopenTicket')
  @Roles('customer', 'agent', 'supervisor')
  reopen(@Payload() m: ReopenMessage, @OnTicket() call: TicketCall) {
    return this.resolving.reopen(call, { ...m, note: m.note || undefined });
  }

  @GrpcMethod('ResolutionService', 'CloseTicket')
  @Roles('agent', 'supervisor')
  close(@Payload() m: CloseMessage, @OnTicket() call: TicketCall) {
    return this.resolving.close(call, m);
  }

  @GrpcMethod('ResolutionService', 'MergeTicket')
  @Roles('agent', 'supervisor')
  merge(@Payload() m: MergeMessage, @OnTicket() call: TicketCall) {
    return this.resolving.merge(call, m);
  }
}
