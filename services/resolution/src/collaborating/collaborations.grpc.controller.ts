import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { CollaborationRef, TicketRef } from '../grpc-messages';
import { OnTicket, type TicketCall } from '../http-action';
import { CollaborationActions } from './collaboration.actions';
import { CollaborationCommentRequest, CollaborationCompleteRequest, CollaborationDeclineRequest, CollaborationRequest } from './collaboration.requests';

class OpenMessage extends IntersectionType(CollaborationRequest, TicketRef) {}
class CommentMessage extends IntersectionType(CollaborationCommentRequest, CollaborationRef) {}
class CompleteMessage extends IntersectionType(CollaborationCompleteRequest, CollaborationRef) {}
class DeclineMessage extends IntersectionType(CollaborationDeclineRequest, CollaborationRef) {}

/** Collaboration tasks over gRPC, with the same department rules as REST. */
@Controller()
export class CollaborationsGrpcController {
  constructor(private readonly collaborations: CollaborationActions) {}

  @GrpcMethod('ResolutionService', 'OpenCollaboration')
  @Roles('agent', 'supervisor')
  open(@Payload() m: OpenMessage, @OnTicket() call: TicketCall) {
    return this.collaborations.open(call, { ...m, dueAt: m.dueAt || undefined });
  }

  @GrpcMethod('ResolutionService', 'AcceptCollaboration')
  @Roles('agent', 'supervisor')
  accept(@Payload() m: CollaborationRef, @OnTicket() call: TicketCall) {
    return this.collaborations.accept(call, m.collaborationId);
  }

  @GrpcMethod('ResolutionService', 'CommentOnCollaboration')
  @Roles('agent', 'supervisor')
  comment(@Payload() m: CommentMessage, @OnTicket() call: TicketCall) {
    return this.collaborations.comment(call, m.collaborationId, m.text);
  }

  @GrpcMethod('ResolutionService', 'CompleteCollaboration')
  @Roles('agent', 'supervisor')
  complete(@Payload() m: CompleteMessage, @OnTicket() call: TicketCall) {
    return this.collaborations.complete(call, m.collaborationId, m.outcome);
  }

  @GrpcMethod('ResolutionService', 'DeclineCollaboration')
  @Roles('agent', 'supervisor')
  decline(@Payload() m: DeclineMessage, @OnTicket() call: TicketCall) {
    return this.collaborations.decline(call, m.collaborationId, m.reason);
  }
}

