import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApproverLevel, AuthorityLevel, CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal, type Role } from '@ticketing/platform';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { parseIfMatch, withEtag } from '../http-action';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { CompensationDecisionRequest, ProposeCompensationRequest } from './compensation.requests';

/** The caller's authority comes from their role: admins are the tenant's managers. */
export function authorityOfRole(role: Role): AuthorityLevel {
  return role === 'admin' ? 'manager' : role === 'supervisor' ? 'supervisor' : 'agent';
}

/**
 * Goodwill compensation under the tenant's authority limits: within the proposer's limit it is
 * approved at once; above, it waits for an approver of the level whose limit covers it.
 */
@ApiTags('resolution')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' })
@Controller('tickets/:ticketId/compensations')
export class CompensationsHttpController {
  constructor(private readonly actions: TicketActionsService) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Propose a compensation (coupon, points, partial/full refund, reship, replacement, return shipping)' })
  async propose(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ProposeCompensationRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult & { compensationId: string; compensationStatus: string; approverLevel: ApproverLevel | null }> {
    if (request.kind === 'points' && request.currency !== undefined) throw new InputValidationError([{ field: 'currency', message: 'points carry no currency' }]);
    if (request.kind !== 'points' && request.currency === undefined) throw new InputValidationError([{ field: 'currency', message: `required for ${request.kind}` }]);
    const compensationId = uuidv7();
    const result = await withEtag(response, this.actions.actAll(
      ticketId,
      (_ticket, m) => [{
        type: 'ProposeCompensation',
        ticketId,
        metadata: m,
        data: {
          compensationId,
          kind: request.kind,
          amount: request.amount,
          currency: request.currency ?? null,
          reason: request.reason,
          proposedBy: m.actor.id,
          authority: authorityOfRole(principal.role),
        },
      }],
      metadata,
      parseIfMatch(ifMatch),
    ));
    const { ticket } = await this.actions.load(ticketId, metadata.tenantId);
    const compensation = ticket.compensations.find((c) => c.compensationId === compensationId)!;
    return { ...result, compensationId, compensationStatus: compensation.status, approverLevel: compensation.approverLevel };
  }

  @Post(':compensationId/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve a pending compensation (supervisor; above supervisor limits an admin/manager), saying why' })
  approve(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('compensationId', new ParseUUIDPipe()) compensationId: string,
    @Body() request: CompensationDecisionRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    const approverLevel = authorityOfRole(principal.role) as ApproverLevel;
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'ApproveCompensation', ticketId, metadata: m, data: { compensationId, approverId: m.actor.id, approverLevel, reason: request.reason } }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }

  @Post(':compensationId/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject a pending compensation, saying why' })
  reject(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Param('compensationId', new ParseUUIDPipe()) compensationId: string,
    @Body() request: CompensationDecisionRequest,
    @CommandContext() metadata: CommandMetadata,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResult> {
    const approverLevel = authorityOfRole(principal.role) as ApproverLevel;
    return withEtag(response, this.actions.act(
      ticketId,
      (m) => ({ type: 'RejectCompensation', ticketId, metadata: m, data: { compensationId, approverId: m.actor.id, approverLevel, reason: request.reason } }),
      metadata,
      parseIfMatch(ifMatch),
    ));
  }
}
