import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  classifyWith,
  defaultClassifier,
  defaultTrainingExamples,
  TicketClassifier,
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
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import type { Repository } from 'typeorm';
import {
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
    updatedAt: new Date(0),
    revision: -1,
    updatedBy: null,
  });
}

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
        settings: { rules: e.data.rules, triageThreshold: e.data.triageThreshold, selfService: e.data.selfService },
      }));
  }

  async classify(tenantId: string, input: ClassifierInput): Promise<Classification> {
    const [settings, model] = await Promise.all([this.settingsFor(tenantId), this.modelFor(tenantId)]);
    return classifyWith(model, { rules: settings.rules, triageThreshold: settings.triageThreshold }, input);
  }

  /**
   * The tenant's model: the default one until agents have corrected some tickets, then the default
   * data plus the corrections. Retrained on demand and, lazily, every RETRAIN_EVERY corrections;
   * training is deterministic, so every replica that retrains from the same rows gets the same model.
   */
  async modelFor(tenantId: string): Promise<TicketClassifier> {
    const corrections = await this.training.countBy({ tenantId, corrected: true });
    if (corrections === 0) return defaultClassifier();
    const cached = this.models.get(tenantId);
    if (cached && corrections - cached.corrections < RETRAIN_EVERY) return cached.model;
    return (await this.retrain(tenantId)).model;
  }

  async retrain(tenantId: string): Promise<{ model: TicketClassifier; corrections: number; trainedAt: Date; trainSeconds: number }> {
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
    const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const entry = { model, corrections: rows.length, trainedAt: new Date() };
    this.models.set(tenantId, entry);
    return { ...entry, trainSeconds };
  }
}
