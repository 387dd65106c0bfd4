import { Body, Controller, ForbiddenException, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { TicketDomainError } from '@ticketing/ticket';
import type { Response } from 'express';
import { parseIfMatch, withEtag } from '../http-action';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { MergeCompletion } from './merge-completion';
import { CloseRequest, MergeRequest, ReopenRequest, ResolveRequest } from './resolving.requests';

/** The end of the work: resolve (with first-contact resolution), reopen within the window, close, merge. */
@ApiTags('resolution')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' })
@Controller('tickets/:ticketId')
export class ResolvingHttpController {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly merges: MergeCompletion,
  ) {}

  @Post('resolve')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Resolve the ticket with a resolution code (first-contact resolution is recorded when it qualifies)' })
  resolve(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ResolveRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    if (request.force && principal.role === 'agent') throw new ForbiddenException('only supervisors may force a resolution');
    return withEtag(response, this.actions.act(
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

  @Post('reopen')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: 'Reopen a resolved ticket within the reopen window (customers: their own tickets)' })
  async reopen(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ReopenRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    const expected = parseIfMatch(ifMatch);
    if (principal.role === 'customer') {
      if (request.reason !== 'customer_request') throw new InputValidationError([{ field: 'reason', message: 'customers reopen with customer_request' }]);
      await this.actions.assertCustomerOwns(ticketId, principal);
    }
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'ReopenTicket', ticketId, metadata: m, data: { reason: request.reason, note: request.note ?? null } }),
      metadata,
      expected,
    ));
  }

  @Post('close')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Close a resolved ticket now (or an unresolved one as spam/duplicate); resolved tickets also close by themselves after the quiet period' })
  close(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: CloseRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    return withEtag(response, this.actions.act(ticketId, (m) => ({ type: 'CloseTicket', ticketId, metadata: m, data: { reason: request.reason } }), metadata, parseIfMatch(ifMatch)));
  }

  @Post('merge')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Merge this (duplicate) ticket into another; both histories are kept and the target shows both' })
  async merge(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: MergeRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult & { targetTicketId: string }> {
    const expected = parseIfMatch(ifMatch);
    await this.actions.load(ticketId, metadata.tenantId); // the source first: another tenant's is a 404
    try {
      await this.actions.load(request.targetTicketId, metadata.tenantId);
    } catch (error) {
      if (error instanceof TicketDomainError) throw new InputValidationError([{ field: 'targetTicketId', message: 'no such ticket in this tenant' }]);
      throw error;
    }
    const data = { sourceTicketId: ticketId, targetTicketId: request.targetTicketId, reason: request.reason };
    const source = await withEtag(response, this.actions.act(ticketId, (m) => ({ type: 'MergeTicket', ticketId, metadata: m, data }), metadata, expected));
    // The target side now; MergeCompletion repeats it from the source's event should this process die here.
    await this.merges.recordOnTarget(data, metadata);
    return { ...source, targetTicketId: request.targetTicketId };
  }
}
