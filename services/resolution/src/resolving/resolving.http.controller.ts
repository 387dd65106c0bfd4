import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { OnTicket, TicketActionsApi, type TicketCall } from '../http-action';
import type { ActionResult } from '../ticket-actions.service';
import { ResolvingActions } from './resolving.actions';
import { CloseRequest, MergeRequest, ReopenRequest, ResolveRequest } from './resolving.requests';

/** The end of the work: resolve (with first-contact resolution), reopen within the window, close, merge. */
@ApiTags('resolution')
@TicketActionsApi()
@Controller('tickets/:ticketId')
export class ResolvingHttpController {
  constructor(private readonly resolving: ResolvingActions) {}

  @Post('resolve')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Resolve the ticket with a resolution code (first-contact resolution is recorded when it qualifies)' })
  resolve(@OnTicket() call: TicketCall, @Body() request: ResolveRequest): Promise<ActionResult> {
    return this.resolving.resolve(call, request);
  }

  @Post('reopen')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: 'Reopen a resolved ticket within the reopen window (customers: their own tickets)' })
  reopen(@OnTicket() call: TicketCall, @Body() request: ReopenRequest): Promise<ActionResult> {
    return this.resolving.reopen(call, request);
  }

  @Post('close')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Close a resolved ticket now (or an unresolved one as spam/duplicate); resolved tickets also close by themselves after the quiet period' })
  close(@OnTicket() call: TicketCall, @Body() request: CloseRequest): Promise<ActionResult> {
    return this.resolving.close(call, request);
  }

  @Post('merge')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Merge this (duplicate) ticket into another; both histories are kept and the target shows both' })
  merge(@OnTicket() call: TicketCall, @Body() request: MergeRequest): Promise<ActionResult & { targetTicketId: string }> {
    return this.resolving.merge(call, request);
  }
}
