import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import type { FeedbackSettings } from './feedback-settings';
import { FeedbackSettingsRequest, settingsOf } from './feedback-settings.requests';
import { FeedbackSettingsService } from './feedback-settings.service';

/** Automatic surveys (delay, channel, interval, deadline, low-rating threshold) and callbacks. */
@ApiTags('feedback')
@Controller('feedback-settings')
export class FeedbackSettingsHttpController {
  constructor(private readonly settings: FeedbackSettingsService) {}

  @Get()
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: "The tenant's feedback settings (defaults until changed)" })
  async get(@CurrentPrincipal() principal: Principal): Promise<FeedbackSettings & { revision: number }> {
    const config = await this.settings.load(principal.tenantId);
    return { ...config.settings, revision: config.revision };
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the feedback settings (recorded as FeedbackSettingsChanged with who and why)' })
  async put(@Body() request: FeedbackSettingsRequest, @CommandContext() metadata: CommandMetadata): Promise<FeedbackSettings & { revision: number }> {
    const config = await this.settings.change({ type: 'ChangeFeedbackSettings', metadata, data: { ...settingsOf(request), reason: request.reason } });
    return { ...config.settings, revision: config.revision };
  }
}
