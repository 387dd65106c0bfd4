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
    /** Added with the tenant taxonomy: one of the tenant's subcategory slugs (its parent category follows). */
    subcategory?: string;
  };
}

/** A tenant subcategory's slug: lower case, digits, `-` or `_`, 2-64 characters, starting with a letter. */
export const SUBCATEGORY_SLUG = /^[a-z][a-z0-9_-]{1,63}$/;
/** A BCP 47-ish locale tag as used for display labels: `en`, `zh-CN`, `zh-Hant-TW`. */
export const LABEL_LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

/** Display text per locale, e.g. `{"zh-CN": "物流", "en": "Shipping"}`. */
export type LocalizedLabels = Record<string, string>;

/** A tenant-defined refinement of one top-level category (which the other services keep keying on). */
export interface SubcategoryData {
  /** Unique within the tenant (across categories), so a ticket event carries the slug alone. */
  slug: string;
  category: Category;
  labels: LocalizedLabels;
  /** Keywords that pick this subcategory when no rule did and the tenant's corrections are too few to learn it. */
  keywords: string[];
  /** A ticket of this subcategory is at least this urgent (null: no floor). */
  priority: Priority | null;
}

/**
 * A tenant's taxonomy over the default categories: which it does not use (never predicted; `other`
 * cannot be disabled, it is where triage puts tickets), display labels per locale for categories and
 * priorities, and its own subcategories.
 */
export interface TaxonomyData {
  disabledCategories: Category[];
  categoryLabels: Partial<Record<Category, LocalizedLabels>>;
  priorityLabels: Partial<Record<Priority, LocalizedLabels>>;
  subcategories: SubcategoryData[];
}

/** The taxonomy of a tenant that never configured one: every default category, default labels, no subcategories. */
export function defaultTaxonomyData(): TaxonomyData {
  return { disabledCategories: [], categoryLabels: {}, priorityLabels: {}, subcategories: [] };
}

export const CLASSIFICATION_SETTING_FIELDS = ['rules', 'triageThreshold', 'selfService', 'taxonomy'] as const;
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
  /** Added in v2: the tenant's taxonomy. */
  taxonomy: TaxonomyData;
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
        if (rule.then.subcategory !== undefined && !isSlug(rule.then.subcategory)) problems.push(`${at}.then.subcategory must be a subcategory slug`);
      }
      return problems;
    });
  },
};

const isSlug = (v: unknown): v is string => typeof v === 'string' && SUBCATEGORY_SLUG.test(v);

function labelProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be an object of locale -> label`];
  const entries = Object.entries(value);
  if (entries.length > 20) return [`${at} must have at most 20 locales`];
  return entries.flatMap(([locale, label]) => [
    ...(LABEL_LOCALE.test(locale) ? [] : [`${at}.${locale} is not a locale tag`]),
    ...(typeof label === 'string' && label.trim() !== '' && label.length <= 100 ? [] : [`${at}.${locale} must be a non-empty string of at most 100 characters`]),
  ]);
}

function labelsByKey(value: unknown, at: string, keys: readonly string[]): string[] {
  if (!isObject(value)) return [`${at} must be an object`];
  return Object.entries(value).flatMap(([key, labels]) => (keys.includes(key) ? labelProblems(labels, `${at}.${key}`) : [`${at}.${key} is not one of ${keys.join(', ')}`]));
}

/** The writer checks the taxonomy against the rules too (classifier's taxonomyProblems); the contract checks its shape. */
const taxonomy: FieldSpec<TaxonomyData> = {
  typeLabel: 'Taxonomy ({disabledCategories, categoryLabels:{category:{locale:label}}, priorityLabels, subcategories:[{slug, category, labels, keywords, priority}]})',
  description: 'Which default categories the tenant uses, display labels per locale, and its subcategories.',
  check: (value, path) => {
    if (!isObject(value)) return [`${path} must be an object`];
    const problems: string[] = [];
    const { disabledCategories, categoryLabels, priorityLabels, subcategories } = value;
    if (!Array.isArray(disabledCategories) || disabledCategories.some((c) => !(CATEGORIES as readonly unknown[]).includes(c) || c === 'other')) {
      problems.push(`${path}.disabledCategories must be a list of categories other than other`);
    }
    problems.push(...labelsByKey(categoryLabels, `${path}.categoryLabels`, CATEGORIES), ...labelsByKey(priorityLabels, `${path}.priorityLabels`, PRIORITIES));
    if (!Array.isArray(subcategories) || subcategories.length > 500) return [...problems, `${path}.subcategories must be a list of at most 500`];
    subcategories.forEach((sub, i) => {
      const at = `${path}.subcategories[${i}]`;
      if (!isObject(sub)) return problems.push(`${at} must be an object`);
      if (!isSlug(sub.slug)) problems.push(`${at}.slug must be a subcategory slug`);
      if (!(CATEGORIES as readonly unknown[]).includes(sub.category)) problems.push(`${at}.category must be one of ${CATEGORIES.join(', ')}`);
      problems.push(...labelProblems(sub.labels, `${at}.labels`));
      if (!Array.isArray(sub.keywords) || sub.keywords.some((k) => typeof k !== 'string' || k.trim() === '' || k.length > 200)) problems.push(`${at}.keywords must be a list of non-empty strings`);
      if (sub.priority !== null && !(PRIORITIES as readonly unknown[]).includes(sub.priority)) problems.push(`${at}.priority must be null or one of ${PRIORITIES.join(', ')}`);
      return undefined;
    });
    return problems;
  },
};

/** What v1 carried: no taxonomy. */
export type ClassificationSettingsChangedDataV1 = Omit<ClassificationSettingsChangedData, 'taxonomy'>;

export const ClassificationSettingsChanged = defineEvent<'ClassificationSettingsChanged', ClassificationSettingsChangedData>({
  type: 'ClassificationSettingsChanged',
  schemaVersion: 2,
  summary: "A tenant changed its classification settings (rules, triage threshold, self-service offers, taxonomy); carries the complete new settings.",
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
    taxonomy,
    changed: arrayOf(oneOf(CLASSIFICATION_SETTING_FIELDS, 'A setting.'), 'Which settings this change altered.', { maxItems: CLASSIFICATION_SETTING_FIELDS.length }),
    reason: string('Why the settings changed (shown in the history).', { maxLength: 1000 }),
  },
  rules: (data) => (data.changed.length > 0 ? [] : ['data.changed must name at least one setting']),
  upcasters: [
    {
      fromVersion: 1,
      description: 'adds `taxonomy` (the default one: every category enabled, default labels, no subcategories): tenants had no taxonomy before.',
      upcast: (data) => ({ ...(data as unknown as ClassificationSettingsChangedDataV1), taxonomy: defaultTaxonomyData() }),
    },
  ],
});
