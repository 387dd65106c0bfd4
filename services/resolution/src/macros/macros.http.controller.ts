import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { SaveMacroRequest } from './macro.requests';
import { MacrosService } from './macros.service';

/** Standard-solution replies; every tenant starts with the after-sales defaults and manages its own. */
@ApiTags('resolution')
@Controller('macros')
export class MacrosHttpController {
  constructor(private readonly macros: MacrosService) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The tenant's macros (defaults it kept plus its own)" })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ macros: MacroDefinition[] }> {
    return { macros: await this.macros.list(principal.tenantId) };
  }

  @Put(':macroId')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Create or replace a macro' })
  save(@Param('macroId') id: string, @Body() request: SaveMacroRequest, @CommandContext() metadata: CommandMetadata): Promise<MacroDefinition> {
    return this.macros.saveRequest(id, request, metadata);
  }

  @Delete(':macroId')
  @HttpCode(204)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Remove a macro (a removed default stays removed for the tenant)' })
  async remove(@Param('macroId') id: string, @CommandContext() metadata: CommandMetadata): Promise<void> {
    await this.macros.remove(id, 'macro removed', metadata);
  }
}
