import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { CATEGORIES, PRIORITIES, type Category, type ClassificationRuleData, type CommandMetadata, type Priority } from '@ticketing/contracts';
import type { Classification } from '@ticketing/classifier';
import type { EventStore } from '@ticketing/eventstore';
import { CommandContext, CurrentPrincipal, EVENT_STORE, Roles, type Principal } from '@ticketing/platform';
import { answerOffer } from '../self-service/self-service.http.controller';
import { SETTINGS_REASON, settingsChange } from './classification.http.controller';
import { ClassifyTextRequest, IntakeSettingsRequest } from './classification.requests';
import { ClassificationService, settingsView, type ClassificationSettingsView } from './classification.service';
import { reclassifyTicket } from './reclassify.http.controller';

class ReclassifyMessage {
  @IsUUID()
  ticketId!: string;

  @IsIn(CATEGORIES)
  category!: Category;

  @IsIn(PRIORITIES)
  priority!: Priority;

  /** proto3 does not send false: absent means false. */
  @IsOptional()
  @IsBoolean()
  complaint?: boolean;

  @IsString()
  @Length(1, 1000)
  reason!: string;
}

interface RuleMessage {
  name?: string;
  when?: { channels?: string[]; customerTiers?: string[]; subjectContains?: string[]; textContains?: string[] };
  then?: { category?: string; priority?: string; complaint?: boolean; tags?: string[] };
}

class RuleListMessage {
  @IsOptional()
  @IsObject({ each: true })
  rules?: RuleMessage[];
}

class ThresholdMessage {
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  value?: number;
}

class SelfServiceMessage {
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number;

  @IsOptional()
  @IsIn(CATEGORIES, { each: true })
  categories?: string[];
}

class UpdateClassificationSettingsMessage {
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleListMessage)
  rules?: RuleListMessage;

  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdMessage)
  triageThreshold?: ThresholdMessage;

  @IsOptional()
  @ValidateNested()
  @Type(() => SelfServiceMessage)
  selfService?: SelfServiceMessage;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

class AnswerSelfServiceOfferMessage {
  @IsUUID()
  ticketId!: string;

  @IsString()
  @Length(1, 200)
  offerId!: string;

  @IsOptional()
  @IsBoolean()
  accepted?: boolean;
}

/** proto3 has no "unset" for repeated fields (they arrive as []) or strings (''): absent means not given. */
const given = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

function ruleFromMessage(rule: RuleMessage): ClassificationRuleData {
  const when = rule.when ?? {};
  const then = rule.then ?? {};
  const pick = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    name: rule.name ?? '',
    when: pick({ channels: given(when.channels), customerTiers: given(when.customerTiers), subjectContains: given(when.subjectContains), textContains: given(when.textContains) }),
    then: pick({ category: then.category || undefined, priority: then.priority || undefined, complaint: then.complaint, tags: given(then.tags) }),
  } as ClassificationRuleData;
}

function ruleToMessage(rule: ClassificationRuleData) {
  return {
    name: rule.name,
    when: { channels: rule.when.channels ?? [], customerTiers: rule.when.customerTiers ?? [], subjectContains: rule.when.subjectContains ?? [], textContains: rule.when.textContains ?? [] },
    then: { category: rule.then.category ?? '', priority: rule.then.priority ?? '', ...(rule.then.complaint !== undefined ? { complaint: rule.then.complaint } : {}), tags: rule.then.tags ?? [] },
  };
}

function settingsToMessage(view: ClassificationSettingsView) {
  return { ...view, rules: view.rules.map(ruleToMessage), updatedBy: view.updatedBy ?? '' };
}

/** The gRPC request as the REST body, so both go through the same checks (ruleProblems, class-validator ranges). */
function toSettingsRequest(message: UpdateClassificationSettingsMessage): IntakeSettingsRequest {
  const request = new IntakeSettingsRequest();
  if (message.rules) request.rules = (message.rules.rules ?? []).map(ruleFromMessage);
  if (message.triageThreshold) request.triageThreshold = message.triageThreshold.value ?? 0;
  if (message.selfService) {
    const { enabled = false, minConfidence = 0, categories = [] } = message.selfService;
    request.selfService = { enabled, minConfidence, categories: categories as Category[] };
  }
  return request;
}

/** gRPC face of ClassificationHttpController and ReclassifyHttpController (ClassificationService in intake.proto). */
@Controller()
export class ClassificationGrpcController {
  constructor(
    private readonly classification: ClassificationService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @GrpcMethod('ClassificationService', 'Classify')
  @Roles('agent', 'supervisor', 'admin', 'analyst')
  async classify(@Payload() request: ClassifyTextRequest, @CurrentPrincipal() principal: Principal) {
    const result: Classification = await this.classification.classify(principal.tenantId, request);
    return { ...result, suggestedCategory: result.suggestedCategory ?? '' };
  }

  @GrpcMethod('ClassificationService', 'Reclassify')
  @Roles('agent', 'supervisor')
  async reclassify(@Payload() request: ReclassifyMessage, @CommandContext() metadata: CommandMetadata) {
    const { ticketId, category, priority, complaint = false, reason } = request;
    return reclassifyTicket(this.store, ticketId, { category, priority, complaint, reason }, metadata);
  }

  @GrpcMethod('ClassificationService', 'GetClassificationSettings')
  @Roles('agent', 'supervisor', 'admin')
  async getClassificationSettings(@Payload() _request: object, @CurrentPrincipal() principal: Principal) {
    return settingsToMessage(settingsView(await this.classification.settingsFor(principal.tenantId)));
  }

  @GrpcMethod('ClassificationService', 'UpdateClassificationSettings')
  @Roles('supervisor', 'admin')
  async updateClassificationSettings(@Payload() request: UpdateClassificationSettingsMessage, @CommandContext() metadata: CommandMetadata) {
    const change = settingsChange(toSettingsRequest(request));
    return settingsToMessage(await this.classification.changeSettings(metadata, change, request.reason ?? SETTINGS_REASON));
  }

  @GrpcMethod('ClassificationService', 'ListClassificationSettingsChanges')
  @Roles('supervisor', 'admin', 'analyst')
  async listClassificationSettingsChanges(@Payload() _request: object, @CurrentPrincipal() principal: Principal) {
    const changes = await this.classification.settingsHistory(principal.tenantId);
    return {
      changes: changes.map((c) => ({
        revision: c.revision,
        occurredAt: c.occurredAt,
        actorKind: c.actor.kind,
        actorId: c.actor.id,
        reason: c.reason,
        changed: c.changed,
        settings: settingsToMessage({ ...c.settings, revision: c.revision, updatedAt: c.occurredAt, updatedBy: `${c.actor.kind}:${c.actor.id}` }),
      })),
    };
  }
}

/** gRPC face of SelfServiceHttpController (SelfServiceService in intake.proto). */
@Controller()
export class SelfServiceGrpcController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @GrpcMethod('SelfServiceService', 'AnswerSelfServiceOffer')
  @Roles('customer', 'agent', 'supervisor')
  async answerSelfServiceOffer(@Payload() request: AnswerSelfServiceOfferMessage, @CommandContext() metadata: CommandMetadata) {
    return answerOffer(this.store, request.ticketId, { offerId: request.offerId, accepted: request.accepted ?? false }, metadata);
  }
}
