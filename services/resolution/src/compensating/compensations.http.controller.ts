import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ticketing/platform';
import { OnTicket, TicketActionsApi, UuidParam, type TicketCall } from '../http-action';
import type { ActionResult } from '../ticket-actions.service';
import { CompensationActions, type ProposalResult } from './compensation.actions';
import { CompensationDecisionRequest, ProposeCompensationRequest } from './compensation.requests';

/** Goodwill compensation with authority limits per role: agent → supervisor → manager. */
@ApiTags('resolution')
@TicketActionsApi()
@Controller('tickets/:ticketId/compensations')
export class CompensationsHttpController {
  constructor(private readonly compensations: CompensationActions) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Propose a compensation (coupon, points, partial/full refund, reship, replacement, return shipping)' })
  propose(@OnTicket() call: TicketCall, @Body() request: ProposeCompensationRequest): Promise<ProposalResult> {
    return this.compensations.propose(call, request);
  }

  @Post(':compensationId/approve')
  @HttpCode(200)
  @Roles('supervisor', 'manager')
  @ApiParam({ name: 'compensationId', format: 'uuid' })
  @ApiOperation({ summary: 'Approve a pending compensation (supervisor; above supervisor limits a manager), saying why' })
  approve(@OnTicket() call: TicketCall, @UuidParam('compensationId') compensationId: string, @Body() request: CompensationDecisionRequest): Promise<ActionResult> {
    return this.compensations.decide(call, compensationId, 'approve', request.reason);
  }

  @Post(':compensationId/reject')
  @HttpCode(200)
  @Roles('supervisor', 'manager')
  @ApiParam({ name: 'compensationId', format: 'uuid' })
  @ApiOperation({ summary: 'Reject a pending compensation, saying why' })
  reject(@OnTicket() call: TicketCall, @UuidParam('compensationId') compensationId: string, @Body() request: CompensationDecisionRequest): Promise<ActionResult> {
    return this.compensations.decide(call, compensationId, 'reject', request.reason);
  }
}
