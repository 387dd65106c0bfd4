import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, Roles } from '@ticketing/platform';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { parseIfMatch, withEtag } from '../http-action';
import { MacrosService } from '../macros/macros.service';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { replyPlan } from './reply-plan';
import { InfoRequest, mentionsIn, NoteRequest, ProgressUpdateRequest, ReplyRequest, TagsRequest } from './reply.requests';

/** The agent's conversation work on a ticket. Send If-Match with the ETag you saw to act only on that revision. */
@ApiTags('resolution')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' })
@Controller('tickets/:ticketId')
export class TicketActionsHttpController {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly macros: MacrosService,
  ) {}

  @Post('replies')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Reply to the customer through the ticket channel, as text or with a macro (template + status/tags/category)' })
  async reply(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ReplyRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    const expected = parseIfMatch(ifMatch);
    const macro = request.macroId === undefined ? undefined : await this.macros.get(metadata.tenantId, request.macroId);
    return withEtag(response, this.actions.actAll(ticketId, (ticket, m) => replyPlan({ ...request, macro }, ticket, m), metadata, expected));
  }

  @Post('notes')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Add an internal note (never shown to the customer); @mentions notify colleagues' })
  note(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: NoteRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'AddInternalNote', ticketId, metadata: m, data: { noteId: uuidv7(), authorId: m.actor.id, text: request.text, mentions: mentionsIn(request.text) } }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  @Post('info-requests')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Ask the customer for information: the ticket waits on them (pending_customer) and the resolution SLA pauses until they answer' })
  requestInfo(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: InfoRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({
        type: 'RequestCustomerInfo',
        ticketId,
        metadata: m,
        data: { messageId: uuidv7(), agentId: m.actor.id, text: request.text, requestedFields: request.requestedFields ?? [] },
      }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  @Post('progress-updates')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Tell the customer how it is going, optionally promising a resolution time (past it without a newer update, the ticket shows as overdue)' })
  progress(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ProgressUpdateRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    const expectedResolutionAt = request.expectedResolutionAt ? new Date(request.expectedResolutionAt).toISOString() : null;
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'SendProgressUpdate', ticketId, metadata: m, data: { messageId: uuidv7(), text: request.text, automated: false, expectedResolutionAt } }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  @Post('tags')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Add or remove tags' })
  tags(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: TagsRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'ChangeTags', ticketId, metadata: m, data: { add: request.add ?? [], remove: request.remove ?? [] } }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }
}
