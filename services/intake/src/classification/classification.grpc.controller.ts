import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import {
  CATEGORIES,
  LABEL_LOCALE,
  PRIORITIES,
  type Category,
  type ClassificationRuleData,
  type CommandMetadata,
  type LocalizedLabels,
  type Priority,
  type TaxonomyData,
} from '@ticketing/contracts';
import { taxonomyView, type Classification } from '@ticketing/classifier';
import type { EventStore } from '@ticketing/eventstore';
import { CommandContext, CurrentPrincipal, EVENT_STORE, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { answerOffer } from '../self-service/self-service.http.controller';
import { SETTINGS_REASON, settingsChange } from './classification.http.controller';
import { ClassifyTextRequest, IntakeSettingsRequest } from './classification.requests';
import { ClassificationService, settingsView, taxonomyOf, type ClassificationSettingsView } from './classification.service';
import { reclassifyTicket } from './reclassify.http.controller';

class SubcategoryChoiceMessage {
  @IsOptional()
  @IsString()
  slug?: string;
}

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

  /** Unset keeps the subcategory while the category stays; a slug of '' clears it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SubcategoryChoiceMessage)
  subcategory?: SubcategoryChoiceMessage;
}

interface RuleMessage {
  name?: string;
  when?: { channels?: string[]; customerTiers?: string[]; subjectContains?: string[]; textContains?: string[] };
  then?: { category?: string; priority?: string; complaint?: boolean; tags?: string[]; subcategory?: string };
}

/** maps arrive undefined when empty (the loader is not asked to default objects). */
interface TaxonomyMessage {
  disabledCategories?: string[];
  categoryLabels?: Record<string, { labels?: LocalizedLabels }>;
  priorityLabels?: Record<string, { labels?: LocalizedLabels }>;
  subcategories?: Array<{ slug?: string; category?: string; labels?: LocalizedLabels; keywords?: string[]; priority?: string }>;
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

  @IsOptional()
  @IsObject()
  taxonomy?: TaxonomyMessage;
}

class GetTaxonomyMessage {
  @IsOptional()
  @IsString()
  locale?: string;
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
    then: pick({
      category: then.category || undefined,
      priority: then.priority || undefined,
      complaint: then.complaint,
      tags: given(then.tags),
      subcategory: then.subcategory || undefined,
    }),
  } as ClassificationRuleData;
}

const labelsOf = (byKey: TaxonomyMessage['categoryLabels']) => Object.fromEntries(Object.entries(byKey ?? {}).map(([key, value]) => [key, value?.labels ?? {}]));
const labelsToMessage = (byKey: Partial<Record<string, LocalizedLabels>>) => Object.fromEntries(Object.entries(byKey).map(([key, labels]) => [key, { labels }]));

/** The gRPC taxonomy as the REST body ('' priority = none), so both go through taxonomyProblems. */
function taxonomyFromMessage(message: TaxonomyMessage): unknown {
  return {
    disabledCategories: message.disabledCategories ?? [],
    categoryLabels: labelsOf(message.categoryLabels),
    priorityLabels: labelsOf(message.priorityLabels),
    subcategories: (message.subcategories ?? []).map((s) => ({
      slug: s.slug ?? '',
      category: s.category ?? '',
      labels: s.labels ?? {},
      keywords: s.keywords ?? [],
      priority: s.priority || null,
    })),
  };
}

function taxonomyToMessage(taxonomy: TaxonomyData) {
  return {
    disabledCategories: taxonomy.disabledCategories,
    categoryLabels: labelsToMessage(taxonomy.categoryLabels),
    priorityLabels: labelsToMessage(taxonomy.priorityLabels),
    subcategories: taxonomy.subcategories.map((s) => ({ ...s, priority: s.priority ?? '' })),
  };
}

function ruleToMessage(rule: ClassificationRuleData) {
  return {
    name: rule.name,
    when: { channels: rule.when.channels ?? [], customerTiers: rule.when.customerTiers ?? [], subjectContains: rule.when.subjectContains ?? [], textContains: rule.when.textContains ?? [] },
    then: {
      category: rule.then.category ?? '',
      priority: rule.then.priority ?? '',
      ...(rule.then.complaint !== undefined ? { complaint: rule.then.complaint } : {}),
      tags: rule.then.tags ?? [],
      subcategory: rule.then.subcategory ?? '',
    },
  };
}

function settingsToMessage(view: ClassificationSettingsView) {
  return { ...view, rules: view.rules.map(ruleToMessage), taxonomy: taxonomyToMessage(view.taxonomy), updatedBy: view.updatedBy ?? '' };
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
  if (message.taxonomy) request.taxonomy = taxonomyFromMessage(message.taxonomy);
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
    return { ...result, suggestedCategory: result.suggestedCategory ?? '', subcategory: result.subcategory ?? '', subcategorySource: result.subcategorySource ?? '' };
  }

  @GrpcMethod('ClassificationService', 'Reclassify')
  @Roles('agent', 'supervisor')
  async reclassify(@Payload() request: ReclassifyMessage, @CommandContext() metadata: CommandMetadata) {
    const { ticketId, category, priority, complaint = false, reason } = request;
    const subcategory = request.subcategory === undefined ? undefined : request.subcategory.slug || null;
    await this.classification.checkClassification(metadata.tenantId, category, subcategory);
    return reclassifyTicket(this.store, ticketId, { category, subcategory, priority, complaint, reason }, metadata);
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

  @GrpcMethod('ClassificationService', 'GetTaxonomy')
  @Roles('agent', 'supervisor', 'admin', 'analyst')
  async getTaxonomy(@Payload() request: GetTaxonomyMessage, @CurrentPrincipal() principal: Principal) {
    const locale = request.locale || 'en';
    if (!LABEL_LOCALE.test(locale)) throw new InputValidationError([{ field: 'locale', message: 'must be a locale tag like en or zh-CN' }]);
    const view = taxonomyView(taxonomyOf(await this.classification.settingsFor(principal.tenantId)), locale);
    return {
      ...view,
      categories: view.categories.map((c) => ({ ...c, subcategories: c.subcategories.map((s) => ({ ...s, priority: s.priority ?? '' })) })),
    };
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
