import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, flattenValidationErrors, type Principal } from '@ticketing/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FeedbackSettingsRequest, settingsOf } from './feedback-settings.requests';
import { FeedbackSettingsService } from './feedback-settings.service';

interface ChangeMessage {
  surveys?: Record<string, unknown>;
  callbacks?: Record<string, unknown>;
  reason?: string;
}

@Controller()
export class FeedbackSettingsGrpcController {
  constructor(private readonly settings: FeedbackSettingsService) {}

  @GrpcMethod('FeedbackService', 'GetFeedbackSettings')
  @Roles('supervisor', 'analyst')
  async get(@CurrentPrincipal() principal: Principal) {
    const config = await this.settings.load(principal.tenantId);
    return { ...config.settings, revision: config.revision };
  }

  @GrpcMethod('FeedbackService', 'ChangeFeedbackSettings')
  @Roles('admin')
  async change(@Payload() payload: ChangeMessage, @CommandContext() metadata: CommandMetadata) {
    // proto3 does not send false, 0 or empty lists: put them back before validating.
    const surveys = payload.surveys && { enabled: false, delayMinutes: 0, minIntervalHours: 0, ...payload.surveys };
    const callbacks = payload.callbacks && { enabled: false, delayMinutes: 0, complexCategories: [], ...payload.callbacks };
    const request = plainToInstance(FeedbackSettingsRequest, { ...payload, surveys, callbacks });
    const problems = flattenValidationErrors(await validate(request));
    if (problems.length > 0) throw new InputValidationError(problems);
    const config = await this.settings.change({ type: 'ChangeFeedbackSettings', metadata, data: { ...settingsOf(request), reason: request.reason } });
    return { ...config.settings, revision: config.revision };
  }
}
