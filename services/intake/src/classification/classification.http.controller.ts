import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { normalizeTaxonomy, ruleProblems, taxonomyProblems, taxonomyView, type ClassificationRule, type Taxonomy } from '@ticketing/classifier';
import { LABEL_LOCALE, type CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { ClassificationSettingsValues } from './classification-settings.decider';
import { ClassificationService, settingsView, taxonomyOf } from './classification.service';
import { ClassifyTextRequest, IntakeSettingsRequest } from './classification.requests';

/** Recorded when the caller gives no reason. */
export const SETTINGS_REASON = 'changed through the API';

/**
 * Checks the rules and taxonomy (class-validator cannot express the nested unions well) and builds
 * the change; whether rules and taxonomy fit each other is the decider's check, on the merged settings.
 */
export function settingsChange(request: IntakeSettingsRequest): Partial<ClassificationSettingsValues> {
  const problems = [...(request.rules !== undefined ? ruleProblems(request.rules) : []), ...(request.taxonomy !== undefined ? taxonomyProblems(request.taxonomy) : [])];
  if (problems.length > 0) throw new InputValidationError(problems);
  return {
    ...(request.taxonomy !== undefined ? { taxonomy: normalizeTaxonomy(request.taxonomy as Taxonomy) } : {}),
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

  @Get('taxonomy')
  @Roles('agent', 'supervisor', 'admin', 'analyst')
  @ApiQuery({ name: 'locale', required: false, description: 'Locale of the `label` fields, e.g. zh-CN or en (default en; falls back to the language, then en)' })
  @ApiOperation({ summary: "The tenant's taxonomy as a UI shows it: every category (enabled or not) with its labels and subcategories, and the priorities' labels" })
  async getTaxonomy(@CurrentPrincipal() principal: Principal, @Query('locale') locale?: string) {
    if (locale !== undefined && !LABEL_LOCALE.test(locale)) throw new InputValidationError([{ field: 'locale', message: 'must be a locale tag like en or zh-CN' }]);
    return taxonomyView(taxonomyOf(await this.classification.settingsFor(principal.tenantId)), locale ?? 'en');
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
