import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { CompleteCallbackRequest, ListCallbacksQuery } from './callback.requests';
import { CallbacksService, type CallbackListing } from './callbacks.service';

@ApiTags('feedback')
@Controller('callbacks')
export class CallbacksHttpController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The tenant's callbacks after resolution (complaint, complex, VIP), soonest due first" })
  async list(@Query() query: ListCallbacksQuery, @CurrentPrincipal() principal: Principal): Promise<{ callbacks: CallbackListing[] }> {
    return { callbacks: await this.callbacks.list(principal.tenantId, query) };
  }

  @Get('missed')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Callbacks nobody made within the grace period (and not made since)' })
  async missed(@CurrentPrincipal() principal: Principal): Promise<{ callbacks: CallbackListing[] }> {
    return { callbacks: await this.callbacks.list(principal.tenantId, { status: 'missed' }) };
  }

  @Post(':callbackId/completion')
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Record the callback as made: outcome and note (the caller is who called); late if it was missed' })
  complete(
    @Param('callbackId') callbackId: string,
    @Body() request: CompleteCallbackRequest,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<CallbackListing> {
    return this.callbacks.complete(callbackId, request.outcome, request.note ?? null, metadata);
  }
}
