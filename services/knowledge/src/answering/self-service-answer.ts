import type { ArticleLocale } from '@ticketing/contracts';
import type { KnowledgeIndex } from '../searching/knowledge-index';
import { confidenceFeatures, confidenceOf, DEFAULT_ANSWER_THRESHOLD, DEFAULT_CONFIDENCE_MODEL, type ConfidenceModel } from './answer-confidence';

export interface SelfServiceAnswer {
  articleId: string;
  title: string;
  /** The article's text, ready to send to the customer. */
  answer: string;
  revision: number;
  /** Calibrated probability that this article answers the message. */
  confidence: number;
}

/** The best public article for a customer's message, or null when none is likely enough to be right. */
export function answerFrom(
  index: KnowledgeIndex,
  message: { text: string; locale?: ArticleLocale },
  options: { threshold?: number; model?: ConfidenceModel } = {},
): SelfServiceAnswer | null {
  const { hits } = index.search({ text: message.text, locale: message.locale, audiences: ['public'], limit: 5 });
  const features = confidenceFeatures(hits);
  if (!features) return null;
  const confidence = confidenceOf(features, options.model ?? DEFAULT_CONFIDENCE_MODEL);
  if (confidence < (options.threshold ?? DEFAULT_ANSWER_THRESHOLD)) return null;
  const top = hits[0];
  const article = index.get(top.articleId)!;
  return { articleId: top.articleId, title: article.title, answer: article.text, revision: article.revision, confidence: Math.round(confidence * 1000) / 1000 };
}
