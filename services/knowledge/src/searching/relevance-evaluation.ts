import type { ArticleAudience, ArticleLocale } from '@ticketing/contracts';
import { confidenceFeatures, confidenceOf, type ConfidenceFeatures, type ConfidenceModel } from '../answering/answer-confidence';
import type { KnowledgeIndex } from './knowledge-index';

/** A query with the articles that answer it (empty: nothing in the knowledge base does). */
export interface JudgedQuery {
  q: string;
  locale: ArticleLocale;
  relevant: string[];
}

export interface RelevanceReport {
  queries: number;
  recallAt3: number;
  mrr: number;
  misses: Array<{ q: string; rank: number | null; top: string | null }>;
}

/** recall@3 (a relevant article among the first three) and MRR over the answerable queries. */
export function evaluateRelevance(index: KnowledgeIndex, queries: JudgedQuery[], audiences: ArticleAudience[] = ['public', 'internal']): RelevanceReport {
  const answerable = queries.filter((q) => q.relevant.length > 0);
  let inTop3 = 0;
  let reciprocal = 0;
  const misses: RelevanceReport['misses'] = [];
  for (const query of answerable) {
    const { hits } = index.search({ text: query.q, locale: query.locale, audiences, limit: 10 });
    const rank = hits.findIndex((h) => query.relevant.includes(h.articleId));
    if (rank >= 0 && rank < 3) inTop3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (rank !== 0) misses.push({ q: query.q, rank: rank < 0 ? null : rank + 1, top: hits[0]?.articleId ?? null });
  }
  const n = Math.max(answerable.length, 1);
  return { queries: answerable.length, recallAt3: inTop3 / n, mrr: reciprocal / n, misses };
}

export interface AnswerSample {
  q: string;
  features: ConfidenceFeatures;
  /** The top public hit answers the query (for unanswerable queries: never). */
  correct: boolean;
}

/** What self-service would see for every query: the top public hit's signals and whether it is right. */
export function answerSamples(index: KnowledgeIndex, queries: JudgedQuery[]): AnswerSample[] {
  return queries.flatMap((query) => {
    const { hits } = index.search({ text: query.q, locale: query.locale, audiences: ['public'], limit: 5 });
    const features = confidenceFeatures(hits);
    return features ? [{ q: query.q, features, correct: query.relevant.includes(hits[0].articleId) }] : [];
  });
}

export interface AnswerReport {
  queries: number;
  answered: number;
  correct: number;
  /** Of the answers given (confidence ≥ threshold), the share that was right. */
  precision: number;
  /** Of the answerable queries, the share answered correctly. */
  answerRate: number;
}

export function evaluateAnswers(samples: AnswerSample[], totalQueries: number, answerableQueries: number, model: ConfidenceModel, threshold: number): AnswerReport {
  const given = samples.filter((s) => confidenceOf(s.features, model) >= threshold);
  const correct = given.filter((s) => s.correct).length;
  return {
    queries: totalQueries,
    answered: given.length,
    correct,
    precision: given.length === 0 ? 1 : correct / given.length,
    answerRate: correct / Math.max(answerableQueries, 1),
  };
}
