import {
  CATEGORIES,
  defaultTaxonomyData,
  PRIORITIES,
  SUBCATEGORY_SLUG,
  LABEL_LOCALE,
  type Category,
  type Channel,
  type CustomerTier,
  type LocalizedLabels,
  type Priority,
  type SubcategoryData,
  type TaxonomyData,
} from '@ticketing/contracts';

/** The default taxonomy (issue #3); each tenant narrows it, labels it and refines it with subcategories. */
export { CATEGORIES, PRIORITIES, type Category, type Priority };
export type Taxonomy = TaxonomyData;
export type Subcategory = SubcategoryData;
export const defaultTaxonomy = defaultTaxonomyData;

/** What the classifier reads from a contact. */
export interface ClassifierInput {
  subject?: string;
  text: string;
  channel?: Channel;
  customerTier?: CustomerTier;
}

/** Priority order, most urgent first, so "at least high" is a comparison. */
export function atLeast(priority: Priority, floor: Priority): Priority {
  return PRIORITIES.indexOf(priority) <= PRIORITIES.indexOf(floor) ? priority : floor;
}

/** Shipped display labels; a tenant's own labels win locale by locale. */
export const DEFAULT_CATEGORY_LABELS: Record<Category, LocalizedLabels> = {
  presale_inquiry: { 'zh-CN': '售前咨询', en: 'Presale inquiry' },
  order_status: { 'zh-CN': '订单状态', en: 'Order status' },
  logistics: { 'zh-CN': '物流配送', en: 'Shipping & delivery' },
  order_change: { 'zh-CN': '修改订单', en: 'Order change' },
  order_cancel: { 'zh-CN': '取消订单', en: 'Order cancellation' },
  return_exchange: { 'zh-CN': '退换货', en: 'Returns & exchanges' },
  refund: { 'zh-CN': '退款', en: 'Refund' },
  payment: { 'zh-CN': '支付', en: 'Payment' },
  account_security: { 'zh-CN': '账号安全', en: 'Account security' },
  technical_fault: { 'zh-CN': '技术故障', en: 'Technical fault' },
  feedback_suggestion: { 'zh-CN': '意见建议', en: 'Feedback & suggestions' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const DEFAULT_PRIORITY_LABELS: Record<Priority, LocalizedLabels> = {
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  high: { 'zh-CN': '高', en: 'High' },
  normal: { 'zh-CN': '普通', en: 'Normal' },
  low: { 'zh-CN': '低', en: 'Low' },
};

/** The categories a tenant's tickets may get; `other` always (triage puts tickets there). */
export function enabledCategories(taxonomy: Taxonomy): Set<Category> {
  return new Set(CATEGORIES.filter((c) => c === 'other' || !taxonomy.disabledCategories.includes(c)));
}

export function subcategoryOf(taxonomy: Taxonomy, slug: string): Subcategory | undefined {
  return taxonomy.subcategories.find((s) => s.slug === slug);
}

export function subcategoriesOf(taxonomy: Taxonomy, category: Category): Subcategory[] {
  return taxonomy.subcategories.filter((s) => s.category === category);
}

/** The label for `locale`: exact tag, then its language (`zh-TW` → `zh`… → any `zh-*`), then `en`, then the key. */
export function labelFor(labels: LocalizedLabels | undefined, locale: string, fallback: string): string {
  if (!labels) return fallback;
  const language = locale.split('-')[0];
  return (
    labels[locale] ??
    labels[language] ??
    Object.entries(labels).find(([tag]) => tag.split('-')[0] === language)?.[1] ??
    labels.en ??
    fallback
  );
}

/** A tenant's taxonomy as a UI shows it: every category with its state, labels and subcategories. */
export interface TaxonomyView {
  locale: string;
  categories: Array<{ category: Category; enabled: boolean; label: string; labels: LocalizedLabels; subcategories: Array<Subcategory & { label: string }> }>;
  priorities: Array<{ priority: Priority; label: string; labels: LocalizedLabels }>;
}

export function taxonomyView(taxonomy: Taxonomy, locale = 'en'): TaxonomyView {
  const enabled = enabledCategories(taxonomy);
  return {
    locale,
    categories: CATEGORIES.map((category) => {
      const labels = { ...DEFAULT_CATEGORY_LABELS[category], ...taxonomy.categoryLabels[category] };
      return {
        category,
        enabled: enabled.has(category),
        label: labelFor(labels, locale, category),
        labels,
        subcategories: subcategoriesOf(taxonomy, category).map((s) => ({ ...s, label: labelFor(s.labels, locale, s.slug) })),
      };
    }),
    priorities: PRIORITIES.map((priority) => {
      const labels = { ...DEFAULT_PRIORITY_LABELS[priority], ...taxonomy.priorityLabels[priority] };
      return { priority, label: labelFor(labels, locale, priority), labels };
    }),
  };
}

export interface FieldProblem {
  field: string;
  message: string;
}

function labelProblems(labels: unknown, field: string): FieldProblem[] {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return [{ field, message: 'must be an object of locale -> label' }];
  const entries = Object.entries(labels);
  if (entries.length > 20) return [{ field, message: 'at most 20 locales' }];
  return entries.flatMap(([locale, label]) => [
    ...(LABEL_LOCALE.test(locale) ? [] : [{ field: `${field}.${locale}`, message: 'is not a locale tag like en or zh-CN' }]),
    ...(typeof label === 'string' && label.trim() !== '' && label.length <= 100 ? [] : [{ field: `${field}.${locale}`, message: 'must be 1-100 characters' }]),
  ]);
}

function labelsByKey(value: unknown, field: string, keys: readonly string[]): FieldProblem[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field, message: 'must be an object' }];
  return Object.entries(value).flatMap(([key, labels]) =>
    keys.includes(key) ? labelProblems(labels, `${field}.${key}`) : [{ field: `${field}.${key}`, message: `must be one of ${keys.join(', ')}` }],
  );
}

/**
 * Problems with a taxonomy from an API caller (`field` named as in the request body, under
 * `taxonomy.`), and, given the rules it will be used with, rules that set a disabled category or an
 * unknown subcategory or one outside the category they set.
 */
export function taxonomyProblems(taxonomy: unknown, rules: ReadonlyArray<{ then: { category?: string; subcategory?: string } }> = []): FieldProblem[] {
  if (typeof taxonomy !== 'object' || taxonomy === null || Array.isArray(taxonomy)) return [{ field: 'taxonomy', message: 'must be an object' }];
  const t = taxonomy as Partial<Record<keyof Taxonomy, unknown>>;
  const problems: FieldProblem[] = [];
  const disabled = t.disabledCategories ?? [];
  if (!Array.isArray(disabled) || disabled.some((c) => !CATEGORIES.includes(c))) {
    problems.push({ field: 'taxonomy.disabledCategories', message: `must be a list of ${CATEGORIES.join(', ')}` });
  } else if (disabled.includes('other')) {
    problems.push({ field: 'taxonomy.disabledCategories', message: 'other cannot be disabled: tickets nobody can classify go there for triage' });
  }
  problems.push(...labelsByKey(t.categoryLabels, 'taxonomy.categoryLabels', CATEGORIES), ...labelsByKey(t.priorityLabels, 'taxonomy.priorityLabels', PRIORITIES));
  const subcategories = t.subcategories ?? [];
  if (!Array.isArray(subcategories)) return [...problems, { field: 'taxonomy.subcategories', message: 'must be an array' }];
  if (subcategories.length > 500) problems.push({ field: 'taxonomy.subcategories', message: 'at most 500 subcategories' });
  const seen = new Set<string>();
  subcategories.forEach((sub: Partial<Subcategory>, i) => {
    const at = (f: string) => `taxonomy.subcategories[${i}].${f}`;
    if (typeof sub !== 'object' || sub === null) return problems.push({ field: `taxonomy.subcategories[${i}]`, message: 'must be an object' });
    if (typeof sub.slug !== 'string' || !SUBCATEGORY_SLUG.test(sub.slug)) problems.push({ field: at('slug'), message: 'must be 2-64 characters of a-z, 0-9, - or _, starting with a letter' });
    else if (seen.has(sub.slug)) problems.push({ field: at('slug'), message: `${sub.slug} is defined twice (slugs are unique across categories)` });
    else seen.add(sub.slug);
    if (!CATEGORIES.includes(sub.category as Category)) problems.push({ field: at('category'), message: `must be one of ${CATEGORIES.join(', ')}` });
    else if (Array.isArray(disabled) && disabled.includes(sub.category as Category)) problems.push({ field: at('category'), message: `${sub.category} is disabled` });
    problems.push(...labelProblems(sub.labels ?? {}, at('labels')));
    if (sub.keywords !== undefined && (!Array.isArray(sub.keywords) || sub.keywords.length > 100 || sub.keywords.some((k) => typeof k !== 'string' || k.trim() === '' || k.length > 200))) {
      problems.push({ field: at('keywords'), message: 'must be a list of at most 100 strings of 1-200 characters' });
    }
    if (sub.priority !== undefined && sub.priority !== null && !PRIORITIES.includes(sub.priority)) problems.push({ field: at('priority'), message: `must be null or one of ${PRIORITIES.join(', ')}` });
    return undefined;
  });
  if (problems.length > 0) return problems;
  const valid = normalizeTaxonomy(t as Taxonomy);
  rules.forEach(({ then }, i) => {
    if (then.category !== undefined && valid.disabledCategories.includes(then.category as Category)) {
      problems.push({ field: `rules[${i}].then.category`, message: `${then.category} is disabled in the taxonomy` });
    }
    if (then.subcategory === undefined) return;
    const sub = subcategoryOf(valid, then.subcategory);
    if (!sub) problems.push({ field: `rules[${i}].then.subcategory`, message: `${then.subcategory} is not a subcategory of the taxonomy` });
    else if (then.category !== undefined && then.category !== sub.category) {
      problems.push({ field: `rules[${i}].then.subcategory`, message: `${then.subcategory} belongs to ${sub.category}, not ${then.category}` });
    }
  });
  return problems;
}

/** A checked taxonomy with every optional part filled in (labels {}, keywords [], priority null). */
export function normalizeTaxonomy(taxonomy: Partial<Taxonomy>): Taxonomy {
  return {
    disabledCategories: CATEGORIES.filter((c) => (taxonomy.disabledCategories ?? []).includes(c)),
    categoryLabels: taxonomy.categoryLabels ?? {},
    priorityLabels: taxonomy.priorityLabels ?? {},
    subcategories: (taxonomy.subcategories ?? []).map((s) => ({
      slug: s.slug,
      category: s.category,
      labels: s.labels ?? {},
      keywords: (s.keywords ?? []).map((k) => k.trim()),
      priority: s.priority ?? null,
    })),
  };
}

/** Why an agent's (or API caller's) subcategory does not fit the tenant's taxonomy; null when it does. */
export function subcategoryProblem(taxonomy: Taxonomy, category: Category, subcategory: string | null | undefined): string | null {
  if (subcategory === null || subcategory === undefined) return null;
  const sub = subcategoryOf(taxonomy, subcategory);
  if (!sub) {
    const known = subcategoriesOf(taxonomy, category).map((s) => s.slug);
    return `${subcategory} is not a subcategory of this tenant${known.length ? `; ${category} has ${known.join(', ')}` : `; ${category} has none`}`;
  }
  return sub.category === category ? null : `${subcategory} belongs to ${sub.category}, not ${category}`;
}
