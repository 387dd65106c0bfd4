import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { ResolutionSettings } from './resolution-config';
import { ResolutionConfigService } from './resolution-config.service';
import { ResolutionSettingsRequest } from './settings.requests';

/** A tenant's departments, compensation authority limits, reopen window and quiet period. */
@ApiTags('resolution')
@Controller('resolution-settings')
export class SettingsHttpController {
  constructor(private readonly config: ResolutionConfigService) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The tenant's resolution settings (defaults until changed)" })
  async get(@CurrentPrincipal() principal: Principal): Promise<ResolutionSettings> {
    return (await this.config.load(principal.tenantId)).settings;
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the resolution settings (admins: they set who may grant how much)' })
  async put(@Body() request: ResolutionSettingsRequest, @CommandContext() metadata: CommandMetadata): Promise<ResolutionSettings> {
    const { reason, ...settings } = request;
    const seen = new Set<string>();
    settings.departments.forEach((d, i) => {
      if (seen.has(d.department)) throw new InputValidationError([{ field: `departments.${i}.department`, message: `${d.department} is listed twice` }]);
      seen.add(d.department);
    });
    const departments = settings.departments.map((d) => ({ ...d, escalationContact: d.escalationContact ?? null, members: d.members ?? [] }));
    const compensationLimits = settings.compensationLimits.map(({ level, kind, limit }) => ({ level, kind, limit }));
    const next = await this.config.change({ type: 'ChangeSettings', metadata, data: { ...settings, departments, compensationLimits, reason } });
    return next.settings;
  }
}
