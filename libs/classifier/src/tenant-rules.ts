import { CHANNELS, CUSTOMER_TIERS, SUBCATEGORY_SLUG, type ClassificationRuleData } from '@ticketing/contracts';
import { normalizeText } from './normalize';
import { CATEGORIES, PRIORITIES, type Category, type ClassifierInput, type Priority } from './taxonomy';

/**
 * A tenant rule, like a helpdesk trigger: every condition given must hold (keyword lists match when
 * any keyword occurs); the actions set fields and add tags. Keywords, not regular expressions: a
 * tenant-supplied pattern would be a ReDoS hole in the intake path. Keywords and text are compared
 * normalised (case, full-width, Traditional → Simplified), so one rule serves both scripts.
 */
export type ClassificationRule = ClassificationRuleData;

export interface RuleOutcome {
  category?: Category;
  priority?: Priority;
  complaint?: boolean;
  subcategory?: string;
  tags: string[];
  matched: string[];
}

export function ruleMatches(rule: ClassificationRule, input: ClassifierInput): boolean {
  const { channels, customerTiers, subjectContains, textContains } = rule.when;
  if (channels?.length && (!input.channel || !channels.includes(input.channel))) return false;
  if (customerTiers?.length && !customerTiers.includes(input.customerTier ?? 'regular')) return false;
  if (subjectContains?.length && !containsAny(input.subject ?? '', subjectContains)) return false;
  if (textContains?.length && !containsAny(input.text, textContains)) return false;
  return true;
}

/** Rules apply in order; the first rule to set a field wins it (put specific rules first); tags add up. */
export function applyRules(rules: readonly ClassificationRule[], input: ClassifierInput): RuleOutcome {
  const outcome: RuleOutcome = { tags: [], matched: [] };
  for (const rule of rules) {
    if (!ruleMatches(rule, input)) continue;
    outcome.matched.push(rule.name);
    outcome.category ??= rule.then.category;
    outcome.priority ??= rule.then.priority;
    outcome.complaint ??= rule.then.complaint;
    outcome.subcategory ??= rule.then.subcategory;
    for (const tag of rule.then.tags ?? []) if (!outcome.tags.includes(tag)) outcome.tags.push(tag);
  }
  return outcome;
}

export function containsAny(haystack: string, needles: readonly string[]): boolean {
  const text = normalizeText(haystack);
  return needles.some((needle) => needle.trim() !== '' && text.includes(normalizeText(needle.trim())));
}

/** Problems with a rule set from an API caller, one `{field, message}` per problem. */
export function ruleProblems(rules: unknown): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!Array.isArray(rules)) return [{ field: 'rules', message: 'must be an array' }];
  if (rules.length > 200) problems.push({ field: 'rules', message: 'at most 200 rules' });
  rules.forEach((rule: Partial<ClassificationRule>, i) => {
    const at = (f: string) => `rules[${i}].${f}`;
    if (typeof rule !== 'object' || rule === null) return problems.push({ field: `rules[${i}]`, message: 'must be an object' });
    if (typeof rule.name !== 'string' || rule.name.length < 1 || rule.name.length > 200) problems.push({ field: at('name'), message: 'must be 1-200 characters' });
    const when = (rule.when ?? {}) as ClassificationRule['when'];
    const then = (rule.then ?? {}) as ClassificationRule['then'];
    if (typeof when !== 'object') problems.push({ field: at('when'), message: 'must be an object' });
    if (typeof then !== 'object') problems.push({ field: at('then'), message: 'must be an object' });
    const list = (name: string, value: unknown, allowed?: readonly string[]) => {
      if (value === undefined) return;
      if (!Array.isArray(value) || value.length > 100 || value.some((v) => typeof v !== 'string' || v.length < 1 || v.length > 200)) {
        problems.push({ field: at(name), message: 'must be a list of at most 100 strings of 1-200 characters' });
      } else if (allowed && value.some((v) => !allowed.includes(v))) {
        problems.push({ field: at(name), message: `values must be among ${allowed.join(', ')}` });
      }
    };
    list('when.channels', when.channels, CHANNELS);
    list('when.customerTiers', when.customerTiers, CUSTOMER_TIERS);
    list('when.subjectContains', when.subjectContains);
    list('when.textContains', when.textContains);
    list('then.tags', then.tags);
    if (then.category !== undefined && !CATEGORIES.includes(then.category)) problems.push({ field: at('then.category'), message: `must be one of ${CATEGORIES.join(', ')}` });
    if (then.priority !== undefined && !PRIORITIES.includes(then.priority)) problems.push({ field: at('then.priority'), message: `must be one of ${PRIORITIES.join(', ')}` });
    if (then.subcategory !== undefined && (typeof then.subcategory !== 'string' || !SUBCATEGORY_SLUG.test(then.subcategory))) {
      problems.push({ field: at('then.subcategory'), message: 'must be a subcategory slug of the taxonomy' });
    }
    if (then.complaint !== undefined && typeof then.complaint !== 'boolean') problems.push({ field: at('then.complaint'), message: 'must be a boolean' });
    const conditions = Object.values(when ?? {}).filter((v) => Array.isArray(v) && v.length > 0).length;
    if (conditions === 0) problems.push({ field: at('when'), message: 'needs at least one condition' });
    const actions = ['category', 'subcategory', 'priority', 'complaint', 'tags'].filter((k) => (then as Record<string, unknown>)[k] !== undefined).length;
    if (actions === 0) problems.push({ field: at('then'), message: 'needs at least one action' });
    return undefined;
  });
  return problems;
}
