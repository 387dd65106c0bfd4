import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { RoutingSettings } from '../settings/routing-settings';
import { RoutingCommandsService } from './routing-commands.service';
import { RoutingQueriesService } from './routing-queries.service';
import { HandBackRequest, TransferRequest } from './routing.request';

function positiveInt(value: string | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InputValidationError([{ field, message: `${field} must be an integer from 1 to ${max}` }]);
  return n;
}

@ApiTags('routing')
@Controller()
export class RoutingHttpController {
  constructor(
    private readonly queries: RoutingQueriesService,
    private readonly commands: RoutingCommandsService,
  ) {}

  @Get('routing/settings')
  @Roles('supervisor', 'admin', 'analyst')
  @ApiOperation({ summary: "The tenant's routing settings (defaults until configured)" })
  settings(@CurrentPrincipal() principal: Principal): Promise<RoutingSettings> {
    return this.queries.settings(principal.tenantId);
  }

  @Put('routing/settings')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Replace skill groups, routing rules, calendars, SLA policies and the escalation chain' })
  async configure(@Body() body: RoutingSettings & { reason: string }, @CommandContext() metadata: CommandMetadata): Promise<{ ok: true }> {
    await this.commands.configure(body, metadata);
    return { ok: true };
  }

  @Get('queues')
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: 'Queues per skill group with their tickets in assignment order' })
  queues(@CurrentPrincipal() principal: Principal) {
    return this.queries.queues(principal.tenantId);
  }

  @Post('queues/:groupId/pull')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({ summary: 'Manual pull: take the first ticket of the queue you may work' })
  pull(@Param('groupId') groupId: string, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    return this.commands.pull(groupId, principal, metadata);
  }

  @Get('sla/at-risk')
  @Roles('supervisor', 'analyst', 'agent')
  @ApiOperation({ summary: 'Tickets with running SLA clocks, nearest breach first' })
  atRisk(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: string, @Query('withinMinutes') within?: string) {
    const withinMs = within === undefined ? undefined : positiveInt(within, 'withinMinutes', 60, 525_600) * 60_000;
    return this.queries.atRisk(principal.tenantId, Date.now(), positiveInt(limit, 'limit', 50, 1000), withinMs);
  }

  @Get('tickets/:ticketId/sla')
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "A ticket's SLA clocks: deadlines, pauses, warnings, breaches" })
  sla(@Param('ticketId') ticketId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.slaStatus(principal.tenantId, ticketId, Date.now());
  }

  @Post('tickets/:ticketId/transfer')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Transfer a ticket to another group, optionally straight to an agent with the skill' })
  transfer(@Param('ticketId') ticketId: string, @Body() body: TransferRequest, @CommandContext() metadata: CommandMetadata) {
    return this.commands.transfer(ticketId, body, metadata);
  }

  @Post('tickets/:ticketId/hand-back')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'The assigned agent hands the ticket back to its queue, with a reason' })
  async handBack(@Param('ticketId') ticketId: string, @Body() body: HandBackRequest, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    await this.commands.handBack(ticketId, body.reason, principal, metadata);
    return { ticketId };
  }
}
