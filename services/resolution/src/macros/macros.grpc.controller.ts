import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { orEmpty, TicketRef } from '../grpc-messages';
import { OnTicket, type TicketCall } from '../http-action';
import { ReplyActions } from '../replying/reply.actions';
import { SaveMacroRequest } from './macro.requests';
import { MacrosService } from './macros.service';

class MacroRef {
  @IsString()
  @Length(1, 100)
  macroId!: string;
}
class SaveMessage extends IntersectionType(SaveMacroRequest, MacroRef) {}
class ApplyMessage extends IntersectionType(MacroRef, TicketRef) {
  @IsOptional()
  @IsObject()
  fields?: Record<string, string>;
}

const proto = (m: MacroDefinition) => ({ ...m, setStatus: orEmpty(m.setStatus), resolutionCode: orEmpty(m.resolutionCode), category: orEmpty(m.category) });

/** Macros over gRPC: list, create or replace, remove, and reply to a ticket with one. */
@Controller()
export class MacrosGrpcController {
  constructor(
    private readonly macros: MacrosService,
    private readonly replies: ReplyActions,
  ) {}

  @GrpcMethod('ResolutionService', 'ListMacros')
  @Roles('agent', 'supervisor')
  async list(@CurrentPrincipal() principal: Principal) {
    return { macros: (await this.macros.list(principal.tenantId)).map(proto) };
  }

  @GrpcMethod('ResolutionService', 'SaveMacro')
  @Roles('supervisor')
  async save(@Payload() m: SaveMessage, @CommandContext() metadata: CommandMetadata) {
    const { macroId, ...request } = m;
    return proto(await this.macros.saveRequest(macroId, request, metadata));
  }

  @GrpcMethod('ResolutionService', 'RemoveMacro')
  @Roles('supervisor')
  async remove(@Payload() m: MacroRef, @CommandContext() metadata: CommandMetadata) {
    await this.macros.remove(m.macroId, 'macro removed', metadata);
    return { macroId: m.macroId };
  }

  @GrpcMethod('ResolutionService', 'ApplyMacro')
  @Roles('agent', 'supervisor')
  apply(@Payload() m: ApplyMessage, @OnTicket() call: TicketCall) {
    return this.replies.reply(call, { macroId: m.macroId, fields: m.fields });
  }
}
