import { Injectable } from '@nestjs/common';
import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import { InputValidationError } from '@ticketing/platform';
import { MacroNotFoundError } from '../settings/resolution-config';
import { ResolutionConfigService } from '../settings/resolution-config.service';
import { templateProblems } from './macro-template';
import { MACRO_ID, type SaveMacroRequest } from './macro.requests';

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

  /** Create or replace from a request (REST body or gRPC message); absent = none. */
  saveRequest(id: string, request: SaveMacroRequest, metadata: CommandMetadata): Promise<MacroDefinition> {
    if (!MACRO_ID.test(id)) throw new InputValidationError([{ field: 'macroId', message: 'must be 1-100 letters, digits, . _ -' }]);
    const { reason = 'macro saved', ...fields } = request;
    return this.save(
      { macroId: id, name: fields.name, body: fields.body, setStatus: fields.setStatus ?? null, resolutionCode: fields.resolutionCode ?? null, addTags: fields.addTags ?? [], category: fields.category ?? null },
      reason,
      metadata,
    );
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
    if (!MACRO_ID.test(macroId)) throw new InputValidationError([{ field: 'macroId', message: 'must be 1-100 letters, digits, . _ -' }]);
    const { macros } = await this.config.load(metadata.tenantId);
    if (!macros[macroId]) throw new MacroNotFoundError(macroId);
    await this.config.change({ type: 'RemoveMacro', metadata, data: { macroId, reason } });
  }
}
