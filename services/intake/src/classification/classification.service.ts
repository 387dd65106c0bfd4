import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  classifyWith,
  DEFAULT_TRIAGE_THRESHOLD,
  defaultClassifier,
  defaultTrainingExamples,
  TicketClassifier,
  type Classification,
  type ClassifierInput,
  type TrainingExample as ModelExample,
} from '@ticketing/classifier';
import type { Category, Priority } from '@ticketing/contracts';
import type { Repository } from 'typeorm';
import { IntakeSettings } from './intake-settings.entity';
import { TrainingExample } from './training-example.entity';

/** A tenant with no settings gets the default taxonomy, no rules, and self-service off. */
export function defaultSettings(tenantId: string): IntakeSettings {
  return Object.assign(new IntakeSettings(), {
    tenantId,
    rules: [],
    triageThreshold: DEFAULT_TRIAGE_THRESHOLD,
    selfServiceEnabled: false,
    selfServiceMinConfidence: 0.8,
    selfServiceCategories: [],
    updatedAt: new Date(0),
  });
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
    @InjectRepository(IntakeSettings) private readonly settings: Repository<IntakeSettings>,
    @InjectRepository(TrainingExample) private readonly training: Repository<TrainingExample>,
  ) {}

  async settingsFor(tenantId: string): Promise<IntakeSettings> {
    return (await this.settings.findOneBy({ tenantId })) ?? defaultSettings(tenantId);
  }

  async saveSettings(tenantId: string, change: Partial<Omit<IntakeSettings, 'tenantId' | 'updatedAt'>>): Promise<IntakeSettings> {
    const next = { ...(await this.settingsFor(tenantId)), ...change, tenantId, updatedAt: new Date() };
    await this.settings.save(next);
    return next;
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
