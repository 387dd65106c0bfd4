import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { OnTicket, TicketActionsApi, UuidParam, type TicketCall } from '../http-action';
import type { ActionResult } from '../ticket-actions.service';
import { CollaborationActions } from './collaboration.actions';
import { CollaborationCommentRequest, CollaborationCompleteRequest, CollaborationDeclineRequest, CollaborationRequest } from './collaboration.requests';

/**
 * Cross-department collaboration: the agent opens a task to a department of the tenant; the
 * department works it here (accept, comment, complete, decline). The ticket waits on open tasks.
 */
@ApiTags('resolution')
@TicketActionsApi()
@Controller('tickets/:ticketId/collaborations')
export class CollaborationsHttpController {
  constructor(private readonly collaborations: CollaborationActions) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Open a collaboration task to a department; the ticket waits on it (pending_third_party, customer SLA paused)' })
  request(@OnTicket() call: TicketCall, @Body() request: CollaborationRequest): Promise<ActionResult & { collaborationId: string; dueAt: string }> {
    return this.collaborations.open(call, request);
  }

  @Post(':collaborationId/accept')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiParam({ name: 'collaborationId', format: 'uuid' })
  @ApiOperation({ summary: 'The department takes the task on' })
  accept(@OnTicket() call: TicketCall, @UuidParam('collaborationId') collaborationId: string): Promise<ActionResult> {
    return this.collaborations.accept(call, collaborationId);
  }

  @Post(':collaborationId/comments')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiParam({ name: 'collaborationId', format: 'uuid' })
  @ApiOperation({ summary: 'Comment on the task (internal: never shown to the customer)' })
  comment(@OnTicket() call: TicketCall, @UuidParam('collaborationId') collaborationId: string, @Body() request: CollaborationCommentRequest): Promise<ActionResult> {
    return this.collaborations.comment(call, collaborationId, request.text);
  }

  @Post(':collaborationId/complete')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiParam({ name: 'collaborationId', format: 'uuid' })
  @ApiOperation({ summary: 'The department answers; with no task left open the ticket resumes' })
  complete(@OnTicket() call: TicketCall, @UuidParam('collaborationId') collaborationId: string, @Body() request: CollaborationCompleteRequest): Promise<ActionResult> {
    return this.collaborations.complete(call, collaborationId, request.outcome);
  }

  @Post(':collaborationId/decline')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiParam({ name: 'collaborationId', format: 'uuid' })
  @ApiOperation({ summary: 'The department declines the task, saying why; the ticket stops waiting on it' })
  decline(@OnTicket() call: TicketCall, @UuidParam('collaborationId') collaborationId: string, @Body() request: CollaborationDeclineRequest): Promise<ActionResult> {
    return this.collaborations.decline(call, collaborationId, request.reason);
  }
}
