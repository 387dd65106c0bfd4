import type { ClassificationSource } from '@ticketing/contracts';
import type { DetectedLanguage } from './normalize';
import { applyRules, type ClassificationRule } from './tenant-rules';
import { atLeast, type Category, type ClassifierInput, type Priority } from './taxonomy';
import type { TicketClassifier } from './ticket-classifier';

export interface ClassificationPolicy {
  rules: readonly ClassificationRule[];
  /** Below this category confidence the model's guess is not used: the ticket goes to triage. */
  triageThreshold: number;
}

export const DEFAULT_TRIAGE_THRESHOLD = 0.45;

export interface Classification {
  category: Category;
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
 * Tenant rules first, the model for what they leave open. A rule that sets the category makes the
 * classification the tenant's (source `rules`, confidence 1). When the model is unsure of the
 * category and no rule decided it, the ticket is not guessed: it is `other`, flagged for triage,
 * with the model's suggestion kept for the agent, and at least `normal` so it is not starved.
 */
export function classifyWith(model: TicketClassifier, policy: ClassificationPolicy, input: ClassifierInput): Classification {
  const predicted = model.classify(input);
  const ruled = applyRules(policy.rules, input);
  const byRule = ruled.category !== undefined;
  const needsTriage = !byRule && predicted.confidence < policy.triageThreshold;
  const complaint = ruled.complaint ?? predicted.complaint;
  let priority = ruled.priority ?? predicted.priority;
  if (ruled.priority === undefined) {
    if (complaint) priority = atLeast(priority, 'high');
    if (needsTriage) priority = atLeast(priority, 'normal');
  }
  return {
    category: ruled.category ?? (needsTriage ? 'other' : predicted.category),
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
