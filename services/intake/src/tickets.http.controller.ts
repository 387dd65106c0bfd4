import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { Response } from 'express';
import { OpenTicketRequest } from './opening-ticket/open-ticket.request';
import { TicketListQuery } from './ticket-list/ticket-list.query';
import { TicketListService } from './ticket-list/ticket-list.service';
import { TicketsService, type TicketDetails } from './tickets.service';

@ApiTags('intake')
@Controller('tickets')
export class TicketsHttpController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly list: TicketListService,
  ) {}

  @Post()
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: 'Open a ticket from a customer contact on any channel (201; 200 when a retry found the ticket)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the same ticket' })
  async open(
    @Body() request: OpenTicketRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TicketDetails> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw new InputValidationError([{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
    }
    const { ticket, created } = await this.tickets.open(request, metadata, idempotencyKey);
    response.status(created ? 201 : 200).location(`/tickets/${ticket.ticketId}`).setHeader('ETag', `"${ticket.revision}"`);
    return ticket;
  }

  @Get(':ticketId')
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "A ticket's state and full event history; ?asOfRevision shows it as it was" })
  @ApiQuery({ name: 'asOfRevision', required: false, type: Number })
  async get(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Query('asOfRevision') asOfRevision?: string,
  ): Promise<TicketDetails> {
    let revision: number | undefined;
    if (asOfRevision !== undefined) {
      revision = Number(asOfRevision);
      if (!Number.isInteger(revision) || revision < 0) throw new InputValidationError([{ field: 'asOfRevision', message: 'must be a non-negative integer' }]);
    }
    const ticket = await this.tickets.get(ticketId, principal.tenantId, revision);
    response.setHeader('ETag', `"${ticket.revision}"`);
    return ticket;
  }

  @Get()
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "The tenant's tickets, newest activity first" })
  async search(@Query() query: TicketListQuery, @CurrentPrincipal() principal: Principal) {
    return this.list.find(principal.tenantId, query);
  }
}
