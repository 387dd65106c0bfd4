import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { ChannelSettingsRequest } from './channel-settings.requests';
import { ChannelSettingsService } from './channel-settings.service';

@ApiTags('channels')
@Controller('channels/settings')
export class ChannelSettingsHttpController {
  constructor(private readonly settings: ChannelSettingsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's own webhook endpoints, SMTP relay and IMAP mailboxes (secrets only as set or not)" })
  async get(@CurrentPrincipal() principal: Principal) {
    return this.settings.view(principal.tenantId);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: "Replace the sections given (webhook, smtp, mailboxes); secrets are write-only, sealed before they are recorded" })
  async put(@Body() request: ChannelSettingsRequest, @CommandContext() metadata: CommandMetadata) {
    return this.settings.change(metadata, request);
  }

  @Get('history')
  @Roles('admin')
  @ApiOperation({ summary: "Every change of the tenant's channel settings: who, when, why and what changed (no secrets)" })
  async history(@CurrentPrincipal() principal: Principal) {
    return { changes: await this.settings.history(principal.tenantId) };
  }
}
