import {
  ClassificationSettingsChanged,
  CLASSIFICATION_SETTING_FIELDS,
  stampEvent,
  streamId,
  type ClassificationRuleData,
  type ClassificationSettingField,
  type CommandMetadata,
  type EventEnvelope,
  type NewEvent,
  type SelfServiceSettingsData,
  type TaxonomyData,
} from '@ticketing/contracts';
import { DEFAULT_TRIAGE_THRESHOLD, defaultTaxonomy, taxonomyProblems, type FieldProblem } from '@ticketing/classifier';
import type { Decider } from '@ticketing/eventstore';
import { sameSettings } from '../settings-equality';

export interface ClassificationSettingsValues {
  rules: ClassificationRuleData[];
  triageThreshold: number;
  selfService: SelfServiceSettingsData;
  taxonomy: TaxonomyData;
}

/** The settings a change would produce do not hold together (a rule naming a disabled category or an unknown subcategory). */
export class ClassificationSettingsRejected extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'ClassificationSettingsRejected';
  }
}

/** A tenant's classification settings (`classification-<tenantId>`), folded from its changes. */
export interface ClassificationSettingsState {
  tenantId: string | null;
  settings: ClassificationSettingsValues;
  changes: number;
}

export type ClassificationSettingsCommand = {
  type: 'ChangeClassificationSettings';
  metadata: CommandMetadata;
  /** Settings left undefined keep their value. */
  data: { change: Partial<ClassificationSettingsValues>; reason: string };
};

export const classificationSettingsStreamId = (tenantId: string) => streamId('classification', tenantId);

/** A tenant that never changed anything: default taxonomy, no rules, self-service off. */
export function defaultClassificationSettings(): ClassificationSettingsValues {
  return { rules: [], triageThreshold: DEFAULT_TRIAGE_THRESHOLD, selfService: { enabled: false, minConfidence: 0.8, categories: [] }, taxonomy: defaultTaxonomy() };
}

const same = sameSettings;

export const classificationSettingsDecider: Decider<ClassificationSettingsState, ClassificationSettingsCommand> = {
  initialState: () => ({ tenantId: null, settings: defaultClassificationSettings(), changes: 0 }),

  evolve(state: ClassificationSettingsState, event: EventEnvelope): ClassificationSettingsState {
    if (!ClassificationSettingsChanged.is(event)) return state;
    const { rules, triageThreshold, selfService, taxonomy } = event.data;
    return { tenantId: event.tenantId, settings: { rules, triageThreshold, selfService, taxonomy }, changes: state.changes + 1 };
  },

  decide(command: ClassificationSettingsCommand, state: ClassificationSettingsState): NewEvent[] {
    switch (command.type) {
      case 'ChangeClassificationSettings': {
        const { change, reason } = command.data;
        const next: ClassificationSettingsValues = {
          rules: change.rules ?? state.settings.rules,
          triageThreshold: change.triageThreshold ?? state.settings.triageThreshold,
          selfService: change.selfService ?? state.settings.selfService,
          taxonomy: change.taxonomy ?? state.settings.taxonomy,
        };
        // Rules and taxonomy change separately, so they are checked together: a rule may not set a
        // category the taxonomy disables, nor a subcategory it does not have (or has under another category).
        const problems = taxonomyProblems(next.taxonomy, next.rules);
        if (problems.length > 0) throw new ClassificationSettingsRejected(problems);
        const changed = CLASSIFICATION_SETTING_FIELDS.filter((field: ClassificationSettingField) => !same(next[field], state.settings[field]));
        // Saving the same settings again (a retried PUT) records nothing.
        if (changed.length === 0) return [];
        return [stampEvent(ClassificationSettingsChanged, command.metadata, { tenantId: command.metadata.tenantId, ...next, changed, reason })];
      }
      default: {
        const unknownCommand: never = command.type;
        throw new Error(`unknown classification settings command ${JSON.stringify(unknownCommand)}`);
      }
    }
  },
};
