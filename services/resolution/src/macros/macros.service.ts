import { Injectable } from '@nestjs/common';
import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import { InputValidationError } from '@ticketing/platform';
import { MacroNotFoundError } from '../settings/resolution-config';
import { ResolutionConfigService } from '../settings/resolution-config.service';
import { templateProblems } from './macro-template';

/** A tenant's macros: the defaults it kept plus its own, from its config stream. */
@Injectable()
export class MacrosService {
  constructor(private readonly config: ResolutionConfigService) {}

  async list(tenantId: string): Promise<MacroDefinition[]> {
    const { macros } = await this.config.load(tenantId);
    return Object.values(macros).sort((a, b) => a.macroId.localeCompare(b.macroId));
  }

  /** An unknown macro in a reply is bad input on the `macroId` field. */
  async get(tenantId: string, macroId: string): Promise<MacroDefinition> {
    const { macros } = await this.config.load(tenantId);
    const macro = macros[macroId];
    if (!macro) throw new InputValidationError([{ field: 'macroId', message: `no macro ${macroId} in this tenant` }]);
    return macro;
  }

  async save(macro: MacroDefinition, reason: string, metadata: CommandMetadata): Promise<MacroDefinition> {
    const problems = templateProblems(macro.body, 'body');
    if (macro.setStatus === 'resolved' && macro.resolutionCode === null) problems.push('resolutionCode: required when setStatus is resolved');
    if (macro.setStatus !== 'resolved' && macro.resolutionCode !== null) problems.push('resolutionCode: only with setStatus resolved');
    if (problems.length > 0) {
      throw new InputValidationError(problems.map((p) => ({ field: p.slice(0, p.indexOf(':')), message: p.slice(p.indexOf(':') + 2) })));
    }
    await this.config.change({ type: 'SaveMacro', metadata, data: { ...macro, reason } });
    return macro;
  }

  async remove(macroId: string, reason: string, metadata: CommandMetadata): Promise<void> {
    const { macros } = await this.config.load(metadata.tenantId);
    if (!macros[macroId]) throw new MacroNotFoundError(macroId);
    await this.config.change({ type: 'RemoveMacro', metadata, data: { macroId, reason } });
  }
}
