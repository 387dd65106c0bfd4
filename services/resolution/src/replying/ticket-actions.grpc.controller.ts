import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload, RpcException } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { COMPENSATION_KINDS, type CommandMetadata, type CompensationKind } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { v7 as uuidv7 } from 'uuid';
import { CompensationsHttpController } from '../compensating/compensations.http.controller';
import { revisionOf } from '../http-action';
import { MacrosService } from '../macros/macros.service';
import { ResolveRequest } from '../resolving/resolving.requests';
import { TicketActionsService } from '../ticket-actions.service';
import { TimelineService } from '../timeline/timeline.service';
import { WorkListService } from '../work-list/work-list.service';
import { replyPlan } from './reply-plan';
import { InfoRequest, mentionsIn, NoteRequest, ReplyRequest } from './reply.requests';

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
class InfoMessage extends IntersectionType(InfoRequest, TicketRef) {}
class ResolveMessage extends IntersectionType(ResolveRequest, TicketRef) {}
class CompensationMessage extends TicketRef {
  @IsIn(COMPENSATION_KINDS)
  kind!: CompensationKind;

  @IsString()
  @Matches(/^\d{1,9}$/, { message: 'amount must be a positive whole number of minor units' })
  amount!: string;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO-4217 code' })
  currency?: string;

  @IsString()
  @Length(1, 2000)
  reason!: string;
}
class TimelineMessage {
  @IsUUID()
  ticketId!: string;
}

/** The same actions and views as REST, over gRPC (validation and errors map to gRPC status codes). */
@Controller()
export class TicketActionsGrpcController {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly macros: MacrosService,
    private readonly compensations: CompensationsHttpController,
    private readonly workLists: WorkListService,
    private readonly timelines: TimelineService,
  ) {}

  @GrpcMethod('ResolutionService', 'ReplyToCustomer')
  @Roles('agent', 'supervisor')
  async reply(@Payload() m: ReplyMessage, @CommandContext() metadata: CommandMetadata) {
    const macro = m.macroId ? await this.macros.get(metadata.tenantId, m.macroId) : undefined;
    return this.actions.actAll(m.ticketId, (ticket, meta) => replyPlan({ text: m.text || undefined, macro, fields: m.fields }, ticket, meta), metadata, revisionOf(m));
  }

  @GrpcMethod('ResolutionService', 'AddInternalNote')
  @Roles('agent', 'supervisor')
  note(@Payload() m: NoteMessage, @CommandContext() metadata: CommandMetadata) {
    return this.actions.act(
      m.ticketId,
      (meta) => ({ type: 'AddInternalNote', ticketId: m.ticketId, metadata: meta, data: { noteId: uuidv7(), authorId: meta.actor.id, text: m.text, mentions: mentionsIn(m.text) } }),
      metadata,
      revisionOf(m),
    );
  }

  @GrpcMethod('ResolutionService', 'RequestCustomerInfo')
  @Roles('agent', 'supervisor')
  requestInfo(@Payload() m: InfoMessage, @CommandContext() metadata: CommandMetadata) {
    return this.actions.act(
      m.ticketId,
      (meta) => ({ type: 'RequestCustomerInfo', ticketId: m.ticketId, metadata: meta, data: { messageId: uuidv7(), agentId: meta.actor.id, text: m.text, requestedFields: m.requestedFields ?? [] } }),
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

  @GrpcMethod('ResolutionService', 'ProposeCompensation')
  @Roles('agent', 'supervisor')
  async propose(@Payload() m: CompensationMessage, @CommandContext() metadata: CommandMetadata, @CurrentPrincipal() principal: Principal) {
    const response = { setHeader: () => undefined } as never;
    const result = await this.compensations.propose(
      m.ticketId,
      { kind: m.kind, amount: Number(m.amount), currency: m.currency || undefined, reason: m.reason },
      metadata,
      principal,
      m.expectedRevision !== undefined && m.expectedRevision >= 0 ? `"${m.expectedRevision}"` : undefined,
      response,
    );
    return { ...result, approverLevel: result.approverLevel ?? '' };
  }

  @GrpcMethod('ResolutionService', 'GetWorkList')
  @Roles('agent', 'supervisor')
  async workList(@CurrentPrincipal() principal: Principal) {
    const list = await this.workLists.workList(principal, new Date());
    const proto = (entries: typeof list.overdue) => entries.map((e) => ({ ...e, assigneeId: e.assigneeId ?? '', expectedResolutionAt: e.expectedResolutionAt ?? '' }));
    return { assignedToMe: proto(list.assignedToMe), waitingOnMe: proto(list.waitingOnMe), overdue: proto(list.overdue) };
  }

  @GrpcMethod('ResolutionService', 'GetTimeline')
  @Roles('customer', 'agent', 'supervisor', 'analyst')
  async timeline(@Payload() m: TimelineMessage, @CurrentPrincipal() principal: Principal) {
    const { ticketId, entries } = await this.timelines.timeline(m.ticketId, principal);
    return { ticketId, entries: entries.map(({ data, ...e }) => ({ ...e, dataJson: JSON.stringify(data) })) };
  }
}
