import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ruleProblems, type ClassificationRule } from '@ticketing/classifier';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { ClassificationSettingsValues } from './classification-settings.decider';
import { ClassificationService, settingsView } from './classification.service';
import { ClassifyTextRequest, IntakeSettingsRequest } from './classification.requests';

/** Recorded when the caller gives no reason. */
export const SETTINGS_REASON = 'changed through the API';

/** Checks the rules (class-validator cannot express the nested union well) and builds the change. */
export function settingsChange(request: IntakeSettingsRequest): Partial<ClassificationSettingsValues> {
  if (request.rules !== undefined) {
    const problems = ruleProblems(request.rules);
    if (problems.length > 0) throw new InputValidationError(problems);
  }
  return {
    ...(request.rules !== undefined ? { rules: request.rules as ClassificationRule[] } : {}),
    ...(request.triageThreshold !== undefined ? { triageThreshold: request.triageThreshold } : {}),
    ...(request.selfService
      ? { selfService: { enabled: request.selfService.enabled, minConfidence: request.selfService.minConfidence, categories: request.selfService.categories } }
      : {}),
  };
}

@ApiTags('classification')
@Controller('classification')
export class ClassificationHttpController {
  constructor(private readonly classification: ClassificationService) {}

  @Get('settings')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: "The tenant's classification rules, triage threshold and self-service settings" })
  async getSettings(@CurrentPrincipal() principal: Principal) {
    return settingsView(await this.classification.settingsFor(principal.tenantId));
  }

  @Put('settings')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Replace the given settings (rules are applied in order; first rule to set a field wins)' })
  async putSettings(@Body() request: IntakeSettingsRequest, @CommandContext() metadata: CommandMetadata) {
    return this.classification.changeSettings(metadata, settingsChange(request), request.reason ?? SETTINGS_REASON);
  }

  @Get('settings/history')
  @Roles('supervisor', 'admin', 'analyst')
  @ApiOperation({ summary: "Every change of the tenant's classification settings: who, when, why, what changed and the result" })
  async settingsHistory(@CurrentPrincipal() principal: Principal) {
    return { changes: await this.classification.settingsHistory(principal.tenantId) };
  }

  @Post('classify')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'admin', 'analyst')
  @ApiOperation({ summary: "Classify a text as a new ticket would be (the tenant's rules and model); writes nothing" })
  async classify(@Body() request: ClassifyTextRequest, @CurrentPrincipal() principal: Principal) {
    return this.classification.classify(principal.tenantId, request);
  }

  @Post('retrain')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Retrain the tenant's model now from the default data plus agents' corrections" })
  async retrain(@CurrentPrincipal() principal: Principal) {
    const { corrections, trainedAt, trainSeconds } = await this.classification.retrain(principal.tenantId);
    return { corrections, trainedAt: trainedAt.toISOString(), trainSeconds: Number(trainSeconds.toFixed(3)) };
  }
}
