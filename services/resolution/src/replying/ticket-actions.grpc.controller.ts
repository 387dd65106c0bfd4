import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { orEmpty, TicketRef } from '../grpc-messages';
import { OnTicket, type TicketCall } from '../http-action';
import { TimelineService } from '../timeline/timeline.service';
import { WorkListService } from '../work-list/work-list.service';
import { ReplyActions } from './reply.actions';
import { InfoRequest, NoteRequest, ProgressUpdateRequest, ReplyRequest, TagsRequest } from './reply.requests';

// IntersectionType keeps both classes' validation rules on the combined message.
class ReplyMessage extends IntersectionType(ReplyRequest, TicketRef) {}
class NoteMessage extends IntersectionType(NoteRequest, TicketRef) {}
class InfoMessage extends IntersectionType(InfoRequest, TicketRef) {}
class ProgressMessage extends IntersectionType(ProgressUpdateRequest, TicketRef) {}
class TagsMessage extends IntersectionType(TagsRequest, TicketRef) {}
class TimelineMessage {
  @IsUUID()
  ticketId!: string;
}

/** The conversation actions and the views over gRPC (validation and errors map to gRPC status codes). */
@Controller()
export class TicketActionsGrpcController {
  constructor(
    private readonly replies: ReplyActions,
    private readonly workLists: WorkListService,
    private readonly timelines: TimelineService,
  ) {}

  @GrpcMethod('ResolutionService', 'ReplyToCustomer')
  @Roles('agent', 'supervisor')
  reply(@Payload() m: ReplyMessage, @OnTicket() call: TicketCall) {
    return this.replies.reply(call, m);
  }

  @GrpcMethod('ResolutionService', 'AddInternalNote')
  @Roles('agent', 'supervisor')
  note(@Payload() m: NoteMessage, @OnTicket() call: TicketCall) {
    return this.replies.note(call, m);
  }

  @GrpcMethod('ResolutionService', 'RequestCustomerInfo')
  @Roles('agent', 'supervisor')
  requestInfo(@Payload() m: InfoMessage, @OnTicket() call: TicketCall) {
    return this.replies.requestInfo(call, m);
  }

  @GrpcMethod('ResolutionService', 'SendProgressUpdate')
  @Roles('agent', 'supervisor')
  progress(@Payload() m: ProgressMessage, @OnTicket() call: TicketCall) {
    return this.replies.progress(call, m);
  }

  @GrpcMethod('ResolutionService', 'ChangeTags')
  @Roles('agent', 'supervisor')
  tags(@Payload() m: TagsMessage, @OnTicket() call: TicketCall) {
    return this.replies.tags(call, m);
  }

  @GrpcMethod('ResolutionService', 'GetWorkList')
  @Roles('agent', 'supervisor')
  async workList(@CurrentPrincipal() principal: Principal) {
    const list = await this.workLists.workList(principal, new Date());
    const proto = (entries: typeof list.overdue) => entries.map((e) => ({ ...e, assigneeId: orEmpty(e.assigneeId), expectedResolutionAt: orEmpty(e.expectedResolutionAt) }));
    return { assignedToMe: proto(list.assignedToMe), waitingOnMe: proto(list.waitingOnMe), overdue: proto(list.overdue) };
  }

  @GrpcMethod('ResolutionService', 'GetTimeline')
  @Roles('customer', 'agent', 'supervisor', 'analyst')
  async timeline(@Payload() m: TimelineMessage, @CurrentPrincipal() principal: Principal) {
    const { ticketId, entries } = await this.timelines.timeline(m.ticketId, principal);
    return { ticketId, entries: entries.map(({ data, ...e }) => ({ ...e, dataJson: JSON.stringify(data) })) };
  }
}
