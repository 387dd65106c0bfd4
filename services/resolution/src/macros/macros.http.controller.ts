import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { MACRO_ID, SaveMacroRequest } from './macro.requests';
import { MacrosService } from './macros.service';

function macroId(raw: string): string {
  if (!MACRO_ID.test(raw)) throw new InputValidationError([{ field: 'macroId', message: 'must be 1-100 letters, digits, . _ -' }]);
  return raw;
}

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
    const { reason = 'macro saved', ...fields } = request;
    return this.macros.save(
      { macroId: macroId(id), name: fields.name, body: fields.body, setStatus: fields.setStatus ?? null, resolutionCode: fields.resolutionCode ?? null, addTags: fields.addTags ?? [], category: fields.category ?? null },
      reason,
      metadata,
    );
  }

  @Delete(':macroId')
  @HttpCode(204)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Remove a macro (a removed default stays removed for the tenant)' })
  async remove(@Param('macroId') id: string, @CommandContext() metadata: CommandMetadata): Promise<void> {
    await this.macros.remove(macroId(id), 'macro removed', metadata);
  }
}
