import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { RpcException } from '@nestjs/microservices';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { v7 as uuidv7 } from 'uuid';
import { mentionsIn, NoteRequest, ReplyRequest, ResolveRequest } from './ticket-action.requests';
import { TicketActionsService } from './ticket-actions.service';

/** Fields every ticket action message carries (resolution.proto). */
class TicketRef {
  @IsUUID()
  ticketId!: string;

  /** -1 (or absent) = no optimistic check. */
  @IsOptional()
  @IsInt()
  @Min(-1)
  expectedRevision?: number;
}
// IntersectionType keeps both classes' validation rules on the combined message.
class ReplyMessage extends IntersectionType(ReplyRequest, TicketRef) {}
class NoteMessage extends IntersectionType(NoteRequest, TicketRef) {}
class ResolveMessage extends IntersectionType(ResolveRequest, TicketRef) {}

const revisionOf = (message: TicketRef) => (message.expectedRevision !== undefined && message.expectedRevision >= 0 ? message.expectedRevision : undefined);

@Controller()
export class TicketActionsGrpcController {
  constructor(private readonly actions: TicketActionsService) {}

  @GrpcMethod('ResolutionService', 'ReplyToCustomer')
  @Roles('agent', 'supervisor')
  reply(@Payload() m: ReplyMessage, @CommandContext() metadata: CommandMetadata) {
    return this.actions.act(
      m.ticketId,
      (meta) => ({
        type: 'ReplyToCustomer',
        ticketId: m.ticketId,
        metadata: meta,
        data: { messageId: uuidv7(), agentId: meta.actor.id, text: m.text, attachments: [], articleIds: m.articleIds ?? [] },
      }),
      metadata,
      revisionOf(m),
    );
  }

  @GrpcMethod('ResolutionService', 'AddInternalNote')
  @Roles('agent', 'supervisor')
  note(@Payload() m: NoteMessage, @CommandContext() metadata: CommandMetadata) {
    return this.actions.act(
      m.ticketId,
      (meta) => ({
        type: 'AddInternalNote',
        ticketId: m.ticketId,
        metadata: meta,
        data: { noteId: uuidv7(), authorId: meta.actor.id, text: m.text, mentions: mentionsIn(m.text) },
      }),
      metadata,
      revisionOf(m),
    );
  }

  @GrpcMethod('ResolutionService', 'ResolveTicket')
  @Roles('agent', 'supervisor')
  resolve(@Payload() m: ResolveMessage, @CommandContext() metadata: CommandMetadata, @CurrentPrincipal() principal: Principal) {
    if (m.force && principal.role === 'agent') {
      throw new RpcException({ code: GrpcStatus.PERMISSION_DENIED, message: 'only supervisors may force a resolution' });
    }
    return this.actions.act(
      m.ticketId,
      (meta) => ({
        type: 'ResolveTicket',
        ticketId: m.ticketId,
        metadata: meta,
        data: { resolutionCode: m.resolutionCode, summary: m.summary, resolvedBy: meta.actor.id, force: m.force ?? false },
      }),
      metadata,
      revisionOf(m),
    );
  }
}
