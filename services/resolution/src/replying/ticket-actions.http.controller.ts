import { Body, Controller, ForbiddenException, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { IF_MATCH, mentionsIn, NoteRequest, ReplyRequest, ResolveRequest } from './ticket-action.requests';
import { TicketActionsService, type ActionResult } from './ticket-actions.service';

/** The agent's actions on a ticket. Send If-Match with the ETag you saw to act only on that revision. */
@ApiTags('resolution')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' })
@Controller('tickets/:ticketId')
export class TicketActionsHttpController {
  constructor(private readonly actions: TicketActionsService) {}

  @Post('replies')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Reply to the customer through the ticket channel' })
  reply(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ReplyRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return this.withEtag(response, this.actions.act(
      ticketId,
      (m) => ({
        type: 'ReplyToCustomer',
        ticketId,
        metadata: m,
        data: { messageId: uuidv7(), agentId: m.actor.id, text: request.text, attachments: [], articleIds: request.articleIds ?? [] },
      }),
      metadata,
      parseIfMatch(ifMatch),
    ));
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
    return this.withEtag(response, this.actions.act(
      ticketId,
      (m) => ({
        type: 'AddInternalNote',
        ticketId,
        metadata: m,
        data: { noteId: uuidv7(), authorId: m.actor.id, text: request.text, mentions: mentionsIn(request.text) },
      }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  @Post('resolve')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Resolve the ticket with a resolution code' })
  resolve(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ResolveRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    if (request.force && principal.role === 'agent') throw new ForbiddenException('only supervisors may force a resolution');
    return this.withEtag(response, this.actions.act(
      ticketId,
      (m) => ({
        type: 'ResolveTicket',
        ticketId,
        metadata: m,
        data: { resolutionCode: request.resolutionCode, summary: request.summary, resolvedBy: m.actor.id, force: request.force ?? false },
      }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  private async withEtag(response: Response, result: Promise<ActionResult>): Promise<ActionResult> {
    const done = await result;
    response.setHeader('ETag', `"${done.revision}"`);
    return done;
  }
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new InputValidationError([{ field: 'If-Match', message: 'must be the ETag of a revision, e.g. "3"' }]);
  return Number(match[1]);
}
