import type { ClassificationSource } from '@ticketing/contracts';
import type { DetectedLanguage } from './normalize';
import { MIN_SUBCATEGORY_CONFIDENCE, type SubcategoryModel } from './subcategory-model';
import { applyRules, containsAny, type ClassificationRule } from './tenant-rules';
import { atLeast, CATEGORIES, defaultTaxonomy, enabledCategories, subcategoriesOf, subcategoryOf, type Category, type ClassifierInput, type Priority, type Taxonomy } from './taxonomy';
import type { TicketClassifier } from './ticket-classifier';

export interface ClassificationPolicy {
  rules: readonly ClassificationRule[];
  /** Below this category confidence the model's guess is not used: the ticket goes to triage. */
  triageThreshold: number;
  /** The tenant's taxonomy (default: every category, no subcategories). */
  taxonomy?: Taxonomy;
  /** Subcategories learned from the tenant's corrections, where it has enough of them. */
  subcategoryModel?: SubcategoryModel | null;
}

export const DEFAULT_TRIAGE_THRESHOLD = 0.45;

/** How the subcategory was chosen: a tenant rule, the model learned from corrections, or a keyword. */
export type SubcategorySource = 'rules' | 'model' | 'keywords';

export interface Classification {
  category: Category;
  /** The tenant's subcategory slug under `category`, or null. */
  subcategory: string | null;
  subcategorySource: SubcategorySource | null;
  priority: Priority;
  complaint: boolean;
  language: DetectedLanguage;
  confidence: number;
  source: ClassificationSource;
  needsTriage: boolean;
  tags: string[];
  /** The model's category when it was not confident enough to use it (shown to the triaging agent). */
  suggestedCategory: Category | null;
  matchedRules: string[];
}

/**
 * Tenant rules first, the model for what they leave open. A rule that sets the category (or a
 * subcategory, whose parent it implies) makes the classification the tenant's (source `rules`,
 * confidence 1). The model only ever chooses among the tenant's enabled categories (its
 * probabilities renormalised over them). When the model is unsure of the category and no rule
 * decided it, the ticket is not guessed: it is `other`, flagged for triage, with the model's
 * suggestion kept for the agent, and at least `normal` so it is not starved.
 *
 * The subcategory: a rule's; else, where agents corrected enough tickets of the category, the
 * learned one when confident; else the first of the category's subcategories whose keyword the
 * text contains; else none. A subcategory with a priority floor raises the priority to it.
 */
export function classifyWith(model: TicketClassifier, policy: ClassificationPolicy, input: ClassifierInput): Classification {
  const taxonomy = policy.taxonomy ?? defaultTaxonomy();
  const enabled = enabledCategories(taxonomy);
  const restricted = enabled.size < CATEGORIES.length ? enabled : undefined;
  const predicted = model.classify(input, restricted);
  const ruled = applyRules(policy.rules, input);
  // Settings are checked on write; a rule that no longer fits the taxonomy is ignored, not obeyed.
  const ruledSubcategory = ruled.subcategory !== undefined ? subcategoryOf(taxonomy, ruled.subcategory) : undefined;
  const ruledCategory =
    ruled.category !== undefined && enabled.has(ruled.category)
      ? ruled.category
      : ruledSubcategory && enabled.has(ruledSubcategory.category)
        ? ruledSubcategory.category
        : undefined;
  const byRule = ruledCategory !== undefined;
  const needsTriage = !byRule && predicted.confidence < policy.triageThreshold;
  const category = ruledCategory ?? (needsTriage ? 'other' : predicted.category);
  const complaint = ruled.complaint ?? predicted.complaint;

  const sub = needsTriage ? { subcategory: null, source: null } : chooseSubcategory(policy, taxonomy, input, category, ruledSubcategory?.category === category ? ruledSubcategory.slug : undefined);
  let priority = ruled.priority ?? predicted.priority;
  if (ruled.priority === undefined) {
    if (complaint) priority = atLeast(priority, 'high');
    if (needsTriage) priority = atLeast(priority, 'normal');
    const floor = sub.subcategory ? subcategoryOf(taxonomy, sub.subcategory)?.priority : null;
    if (floor) priority = atLeast(priority, floor);
  }
  return {
    category,
    subcategory: sub.subcategory,
    subcategorySource: sub.source,
    priority,
    complaint,
    language: predicted.language,
    confidence: byRule ? 1 : predicted.confidence,
    source: byRule ? 'rules' : 'model',
    needsTriage,
    tags: needsTriage ? [...ruled.tags, 'needs-triage'] : ruled.tags,
    suggestedCategory: needsTriage ? predicted.category : null,
    matchedRules: ruled.matched,
  };
}

function chooseSubcategory(
  policy: ClassificationPolicy,
  taxonomy: Taxonomy,
  input: ClassifierInput,
  category: Category,
  byRule: string | undefined,
): { subcategory: string | null; source: SubcategorySource | null } {
  if (byRule) return { subcategory: byRule, source: 'rules' };
  const candidates = subcategoriesOf(taxonomy, category);
  if (candidates.length === 0) return { subcategory: null, source: null };
  const learned = policy.subcategoryModel?.predict(input, category, candidates.map((s) => s.slug));
  if (learned && learned.confidence >= MIN_SUBCATEGORY_CONFIDENCE) return { subcategory: learned.subcategory, source: learned.subcategory ? 'model' : null };
  const text = input.subject ? `${input.subject}\n${input.text}` : input.text;
  const byKeyword = candidates.find((s) => containsAny(text, s.keywords));
  return byKeyword ? { subcategory: byKeyword.slug, source: 'keywords' } : { subcategory: null, source: null };
}
