import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { OnTicket, TicketActionsApi, type TicketCall } from '../http-action';
import type { ActionResult } from '../ticket-actions.service';
import { ReplyActions } from './reply.actions';
import { InfoRequest, NoteRequest, ProgressUpdateRequest, ReplyRequest, TagsRequest } from './reply.requests';

/** The agent's conversation work on a ticket. Send If-Match with the ETag you saw to act only on that revision. */
@ApiTags('resolution')
@TicketActionsApi()
@Controller('tickets/:ticketId')
export class TicketActionsHttpController {
  constructor(private readonly replies: ReplyActions) {}

  @Post('replies')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Reply to the customer through the ticket channel, as text or with a macro (template + status/tags/category; {{order.*}} from the shop's order system unless given in fields)" })
  reply(@OnTicket() call: TicketCall, @Body() request: ReplyRequest): Promise<ActionResult> {
    return this.replies.reply(call, request);
  }

  @Post('notes')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Add an internal note (never shown to the customer); @mentions notify colleagues' })
  note(@OnTicket() call: TicketCall, @Body() request: NoteRequest): Promise<ActionResult> {
    return this.replies.note(call, request);
  }

  @Post('info-requests')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Ask the customer for information: the ticket waits on them (pending_customer) and the resolution SLA pauses until they answer' })
  requestInfo(@OnTicket() call: TicketCall, @Body() request: InfoRequest): Promise<ActionResult> {
    return this.replies.requestInfo(call, request);
  }

  @Post('progress-updates')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Tell the customer how it is going, optionally promising a resolution time (past it without a newer update, the ticket shows as overdue and a supervisor is notified)' })
  progress(@OnTicket() call: TicketCall, @Body() request: ProgressUpdateRequest): Promise<ActionResult> {
    return this.replies.progress(call, request);
  }

  @Post('tags')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Add or remove tags' })
  tags(@OnTicket() call: TicketCall, @Body() request: TagsRequest): Promise<ActionResult> {
    return this.replies.tags(call, request);
  }
}
