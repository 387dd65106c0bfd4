import { Body, Controller, ForbiddenException, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata, Department } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { CollaborationNotOpenError, type Ticket, type TicketCommand } from '@ticketing/ticket';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { parseIfMatch, withEtag } from '../http-action';
import { ResolutionConfigService } from '../settings/resolution-config.service';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { CollaborationCommentRequest, CollaborationCompleteRequest, CollaborationDeclineRequest, CollaborationRequest } from './collaboration.requests';

type TaskStep = (ticket: Ticket, metadata: CommandMetadata, collaborationId: string) => TicketCommand;

/**
 * Cross-department collaboration: the agent opens a task to a department of the tenant; the
 * department works it here (accept, comment, complete, decline). The ticket waits on open tasks.
 */
@ApiTags('resolution')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' })
@Controller('tickets/:ticketId/collaborations')
export class CollaborationsHttpController {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly config: ResolutionConfigService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Open a collaboration task to a department; the ticket waits on it (pending_third_party, customer SLA paused)' })
  async request(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: CollaborationRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult & { collaborationId: string; dueAt: string }> {
    const expected = parseIfMatch(ifMatch);
    const { settings } = await this.config.load(metadata.tenantId);
    const department = settings.departments.find((d) => d.department === request.department);
    if (!department) {
      const known = settings.departments.map((d) => d.department).join(', ');
      throw new InputValidationError([{ field: 'department', message: `unknown department "${request.department}" (this tenant has: ${known})` }]);
    }
    const dueAt = request.dueAt
      ? new Date(request.dueAt).toISOString()
      : new Date(Date.parse(metadata.now) + department.defaultDueMinutes * 60_000).toISOString();
    if (Date.parse(dueAt) <= Date.parse(metadata.now)) throw new InputValidationError([{ field: 'dueAt', message: 'must be in the future' }]);
    const collaborationId = uuidv7();
    const result = await withEtag(response, this.actions.act(
      ticketId,
      (m) => ({
        type: 'RequestCollaboration',
        ticketId,
        metadata: m,
        data: { collaborationId, department: department.department, question: request.question, requestedBy: m.actor.id, dueAt },
      }),
      metadata,
      expected,
    ));
    return { ...result, collaborationId, dueAt };
  }

  @Post(':collaborationId/accept')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'The department takes the task on' })
  accept(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('collaborationId', new ParseUUIDPipe()) collaborationId: string,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return this.step(ticketId, collaborationId, principal, metadata, ifMatch, response, (t, m, id) => ({
      type: 'AcceptCollaboration', ticketId, metadata: m, data: { collaborationId: id, acceptedBy: m.actor.id },
    }));
  }

  @Post(':collaborationId/comments')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Comment on the task (internal: never shown to the customer)' })
  comment(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('collaborationId', new ParseUUIDPipe()) collaborationId: string,
    @Body() request: CollaborationCommentRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return this.step(ticketId, collaborationId, principal, metadata, ifMatch, response, (t, m, id) => ({
      type: 'CommentOnCollaboration', ticketId, metadata: m, data: { collaborationId: id, commentId: uuidv7(), authorId: m.actor.id, text: request.text },
    }), true);
  }

  @Post(':collaborationId/complete')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'The department answers; with no task left open the ticket resumes' })
  complete(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('collaborationId', new ParseUUIDPipe()) collaborationId: string,
    @Body() request: CollaborationCompleteRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return this.step(ticketId, collaborationId, principal, metadata, ifMatch, response, (t, m, id) => ({
      type: 'CompleteCollaboration', ticketId, metadata: m, data: { collaborationId: id, outcome: request.outcome, completedBy: m.actor.id },
    }));
  }

  @Post(':collaborationId/decline')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'The department declines the task, saying why; the ticket stops waiting on it' })
  decline(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('collaborationId', new ParseUUIDPipe()) collaborationId: string,
    @Body() request: CollaborationDeclineRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return this.step(ticketId, collaborationId, principal, metadata, ifMatch, response, (t, m, id) => ({
      type: 'DeclineCollaboration', ticketId, metadata: m, data: { collaborationId: id, declinedBy: m.actor.id, reason: request.reason },
    }));
  }

  /** A department's step: only its members (when it names any) or supervisors; the requesting agent may comment. */
  private async step(
    ticketId: string,
    collaborationId: string,
    principal: Principal,
    metadata: CommandMetadata,
    ifMatch: string | undefined,
    response: Response,
    build: TaskStep,
    requesterMayAct = false,
  ): Promise<ActionResult> {
    const expected = parseIfMatch(ifMatch);
    const { settings } = await this.config.load(metadata.tenantId);
    const membersOf = (department: Department) => settings.departments.find((d) => d.department === department)?.members ?? [];
    return withEtag(response, this.actions.actAll(
      ticketId,
      (ticket, m) => {
        const task = ticket.openCollaborations.find((c) => c.collaborationId === collaborationId);
        if (!task) throw new CollaborationNotOpenError(ticketId, collaborationId);
        const members = membersOf(task.department);
        const mayAct = principal.role !== 'agent' || members.length === 0 || members.includes(principal.actor.id) || (requesterMayAct && ticket.assigneeId === principal.actor.id);
        if (!mayAct) throw new ForbiddenException(`only members of ${task.department} may work this task`);
        return [build(ticket, m, collaborationId)];
      },
      metadata,
      expected,
    ));
  }
}
