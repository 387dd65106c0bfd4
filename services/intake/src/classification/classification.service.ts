import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  classifyWith,
  defaultClassifier,
  defaultTaxonomy,
  defaultTrainingExamples,
  enabledCategories,
  SubcategoryModel,
  subcategoryProblem,
  TicketClassifier,
  type Taxonomy,
  type Classification,
  type ClassifierInput,
  type TrainingExample as ModelExample,
} from '@ticketing/classifier';
import {
  ClassificationSettingsChanged,
  type Actor,
  type Category,
  type ClassificationSettingField,
  type CommandMetadata,
  type Priority,
} from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent } from '@ticketing/platform';
import type { Repository } from 'typeorm';
import {
  ClassificationSettingsRejected,
  classificationSettingsDecider,
  classificationSettingsStreamId,
  defaultClassificationSettings,
  type ClassificationSettingsValues,
} from './classification-settings.decider';
import { IntakeSettings } from './intake-settings.entity';
import { TrainingExample } from './training-example.entity';

/** A tenant with no settings gets the default taxonomy, no rules, and self-service off. */
export function defaultSettings(tenantId: string): IntakeSettings {
  const defaults = defaultClassificationSettings();
  return Object.assign(new IntakeSettings(), {
    tenantId,
    rules: defaults.rules,
    triageThreshold: defaults.triageThreshold,
    selfServiceEnabled: defaults.selfService.enabled,
    selfServiceMinConfidence: defaults.selfService.minConfidence,
    selfServiceCategories: defaults.selfService.categories,
    taxonomy: null,
    updatedAt: new Date(0),
    revision: -1,
    updatedBy: null,
  });
}

export const taxonomyOf = (s: IntakeSettings): Taxonomy => s.taxonomy ?? defaultTaxonomy();

/** What the API shows of a tenant's settings (REST and gRPC). */
export interface ClassificationSettingsView extends ClassificationSettingsValues {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export function settingsView(s: IntakeSettings): ClassificationSettingsView {
  return {
    rules: s.rules,
    triageThreshold: s.triageThreshold,
    selfService: { enabled: s.selfServiceEnabled, minConfidence: s.selfServiceMinConfidence, categories: s.selfServiceCategories },
    taxonomy: taxonomyOf(s),
    revision: s.revision,
    updatedAt: s.updatedAt.toISOString(),
    updatedBy: s.updatedBy,
  };
}

/** One entry of a tenant's settings history: who changed what, when and why, and the result. */
export interface SettingsHistoryEntry {
  revision: number;
  occurredAt: string;
  actor: Actor;
  reason: string;
  changed: ClassificationSettingField[];
  settings: ClassificationSettingsValues;
}

/** An agent's correction outweighs a seed example: it is the tenant's own traffic and vocabulary. */
const CORRECTION_WEIGHT = 3;
/** Retrain a tenant's model on its next use once this many new corrections have arrived. */
export const RETRAIN_EVERY = 20;

interface TenantModel {
  model: TicketClassifier;
  /** Subcategories learned from the corrections (categories with too few have none). */
  subcategories: SubcategoryModel | null;
  corrections: number;
  trainedAt: Date;
}

@Injectable()
export class ClassificationService {
  private readonly models = new Map<string, TenantModel>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectRepository(IntakeSettings) private readonly settings: Repository<IntakeSettings>,
    @InjectRepository(TrainingExample) private readonly training: Repository<TrainingExample>,
  ) {}

  async settingsFor(tenantId: string): Promise<IntakeSettings> {
    return (await this.settings.findOneBy({ tenantId })) ?? defaultSettings(tenantId);
  }

  /**
   * Appends the change to the tenant's settings stream (nothing when it changes nothing) and answers
   * with the settings as of that change; the read model follows from the event.
   */
  async changeSettings(metadata: CommandMetadata, change: Partial<ClassificationSettingsValues>, reason: string): Promise<ClassificationSettingsView> {
    const result = await handleCommand({
      store: this.store,
      streamId: classificationSettingsStreamId(metadata.tenantId),
      decider: classificationSettingsDecider,
      command: { type: 'ChangeClassificationSettings', metadata, data: { change, reason } },
      validate: validateNewEvent,
    }).catch((error: unknown) => {
      throw error instanceof ClassificationSettingsRejected ? new InputValidationError(error.problems) : error;
    });
    const last = result.newEvents.at(-1) ?? (await this.store.readStream(classificationSettingsStreamId(metadata.tenantId))).at(-1);
    return {
      ...result.state.settings,
      revision: result.nextExpectedRevision,
      updatedAt: last?.occurredAt ?? new Date(0).toISOString(),
      updatedBy: last ? `${last.actor.kind}:${last.actor.id}` : null,
    };
  }

  /** Every change of the tenant's settings, oldest first, from its stream (the audit trail itself). */
  async settingsHistory(tenantId: string): Promise<SettingsHistoryEntry[]> {
    const events = await this.store.readStream(classificationSettingsStreamId(tenantId));
    return events
      .filter((e) => e.tenantId === tenantId)
      .flatMap((e) => (ClassificationSettingsChanged.is(e) ? [e] : []))
      .map((e) => ({
        revision: e.streamPosition,
        occurredAt: e.occurredAt,
        actor: e.actor,
        reason: e.data.reason,
        changed: e.data.changed,
        settings: { rules: e.data.rules, triageThreshold: e.data.triageThreshold, selfService: e.data.selfService, taxonomy: e.data.taxonomy },
      }));
  }

  async classify(tenantId: string, input: ClassifierInput): Promise<Classification> {
    const [settings, { model, subcategories }] = await Promise.all([this.settingsFor(tenantId), this.modelsFor(tenantId)]);
    return classifyWith(model, { rules: settings.rules, triageThreshold: settings.triageThreshold, taxonomy: taxonomyOf(settings), subcategoryModel: subcategories }, input);
  }

  /**
   * An agent's classification must fit the tenant's taxonomy: an enabled category, and a subcategory
   * the tenant has under that category. 400 naming the field otherwise.
   */
  async checkClassification(tenantId: string, category: Category, subcategory: string | null | undefined): Promise<void> {
    const taxonomy = taxonomyOf(await this.settingsFor(tenantId));
    const problems = [];
    if (!enabledCategories(taxonomy).has(category)) problems.push({ field: 'category', message: `${category} is disabled in this tenant's taxonomy` });
    const wrongSubcategory = subcategoryProblem(taxonomy, category, subcategory);
    if (wrongSubcategory) problems.push({ field: 'subcategory', message: wrongSubcategory });
    if (problems.length > 0) throw new InputValidationError(problems);
  }

  /**
   * The tenant's model: the default one until agents have corrected some tickets, then the default
   * data plus the corrections. Retrained on demand and, lazily, every RETRAIN_EVERY corrections;
   * training is deterministic, so every replica that retrains from the same rows gets the same model.
   */
  async modelFor(tenantId: string): Promise<TicketClassifier> {
    return (await this.modelsFor(tenantId)).model;
  }

  /** The tenant's category model and, where its agents corrected enough tickets, its subcategory model. */
  async modelsFor(tenantId: string): Promise<Pick<TenantModel, 'model' | 'subcategories'>> {
    const corrections = await this.training.countBy({ tenantId, corrected: true });
    if (corrections === 0) return { model: defaultClassifier(), subcategories: null };
    const cached = this.models.get(tenantId);
    if (cached && corrections - cached.corrections < RETRAIN_EVERY) return cached;
    return this.retrain(tenantId);
  }

  async retrain(tenantId: string): Promise<TenantModel & { trainSeconds: number }> {
    const rows = await this.training.find({ where: { tenantId, corrected: true }, order: { ticketId: 'ASC' } });
    const corrections: ModelExample[] = rows.map((r) => ({
      subject: r.subject,
      text: r.text,
      category: r.category as Category,
      priority: r.priority as Priority,
      complaint: r.complaint ?? false,
      weight: CORRECTION_WEIGHT,
    }));
    const started = process.hrtime.bigint();
    const model = rows.length === 0 ? defaultClassifier() : TicketClassifier.train([...defaultTrainingExamples(), ...corrections]);
    const subcategories = rows.length === 0 ? null : SubcategoryModel.train(rows.map((r) => ({ subject: r.subject, text: r.text, category: r.category as Category, subcategory: r.subcategory })));
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const entry = { model, subcategories, corrections: rows.length, trainedAt: new Date() };
    this.models.set(tenantId, entry);
    return { ...entry, trainSeconds };
  }
}
