import { arrayOf, boolean, defineEvent, number, object, oneOf, string, type FieldSpec } from '../ticket/events-kit';
import { CATEGORIES, PRIORITIES, type Category, type Channel, type CustomerTier, type Priority } from '../ticket/vocabulary';

/**
 * A tenant's classification settings live in one stream, `classification-<tenantId>`: its rules
 * (helpdesk-trigger style), the model's triage threshold and its self-service offer settings. Each
 * change is one event carrying the complete new settings, who changed them and why; intake's
 * `intake.classification-settings` read model is folded from it.
 */
export const classificationSettingsStream = 'classification';

/** A tenant rule: every condition given must hold; the actions set fields and add tags. */
export interface ClassificationRuleData {
  name: string;
  when: {
    channels?: Channel[];
    customerTiers?: CustomerTier[];
    subjectContains?: string[];
    textContains?: string[];
  };
  then: {
    category?: Category;
    priority?: Priority;
    complaint?: boolean;
    tags?: string[];
  };
}

export const CLASSIFICATION_SETTING_FIELDS = ['rules', 'triageThreshold', 'selfService'] as const;
export type ClassificationSettingField = (typeof CLASSIFICATION_SETTING_FIELDS)[number];

export interface SelfServiceSettingsData {
  enabled: boolean;
  minConfidence: number;
  categories: Category[];
}

export interface ClassificationSettingsChangedData {
  tenantId: string;
  rules: ClassificationRuleData[];
  triageThreshold: number;
  selfService: SelfServiceSettingsData;
  /** Which of the settings this change altered (the rest is carried over unchanged). */
  changed: ClassificationSettingField[];
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The writer checks rules field by field (classifier's ruleProblems); the contract checks their shape. */
const rules: FieldSpec<ClassificationRuleData[]> = {
  typeLabel: 'ClassificationRule[] ({name, when:{channels?, customerTiers?, subjectContains?, textContains?}, then:{category?, priority?, complaint?, tags?}})',
  description: 'Ordered rules; the first rule to set a field wins it, tags add up.',
  check: (value, path) => {
    if (!Array.isArray(value)) return [`${path} must be an array`];
    if (value.length > 200) return [`${path} must have at most 200 items`];
    return value.flatMap((rule, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(rule)) return [`${at} must be an object`];
      const problems: string[] = [];
      if (typeof rule.name !== 'string' || rule.name.trim() === '' || rule.name.length > 200) problems.push(`${at}.name must be a non-empty string of at most 200 characters`);
      if (!isObject(rule.when)) problems.push(`${at}.when must be an object`);
      if (!isObject(rule.then)) problems.push(`${at}.then must be an object`);
      else {
        if (rule.then.category !== undefined && !(CATEGORIES as readonly unknown[]).includes(rule.then.category)) problems.push(`${at}.then.category must be one of ${CATEGORIES.join(', ')}`);
        if (rule.then.priority !== undefined && !(PRIORITIES as readonly unknown[]).includes(rule.then.priority)) problems.push(`${at}.then.priority must be one of ${PRIORITIES.join(', ')}`);
      }
      return problems;
    });
  },
};

export const ClassificationSettingsChanged = defineEvent<'ClassificationSettingsChanged', ClassificationSettingsChangedData>({
  type: 'ClassificationSettingsChanged',
  summary: "A tenant changed its classification settings (rules, triage threshold, self-service offers); carries the complete new settings.",
  streamCategory: classificationSettingsStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    tenantId: string('The tenant configured.'),
    rules,
    triageThreshold: number('Below this model confidence a ticket goes to human triage.', { min: 0, max: 1 }),
    selfService: object<SelfServiceSettingsData>(
      {
        enabled: boolean('Whether answers are offered on instant channels.'),
        minConfidence: number('Offer only answers knowledge is at least this sure of.', { min: 0, max: 1 }),
        categories: arrayOf(oneOf(CATEGORIES, 'A category.'), 'Categories for which an answer may be offered.', { maxItems: CATEGORIES.length }),
      },
      'Self-service offer settings.',
      'SelfServiceSettings',
    ),
    changed: arrayOf(oneOf(CLASSIFICATION_SETTING_FIELDS, 'A setting.'), 'Which settings this change altered.', { maxItems: CLASSIFICATION_SETTING_FIELDS.length }),
    reason: string('Why the settings changed (shown in the history).', { maxLength: 1000 }),
  },
  rules: (data) => (data.changed.length > 0 ? [] : ['data.changed must name at least one setting']),
});
