import type { ArticleHit } from '../searching/knowledge-index';

/**
 * How likely the best hit answers the message, from three signals of the ranking: how strong its
 * text score is (log BM25), how much of the query it covers, and how far it leads the runner-up
 * (a near tie between two different articles means the message is ambiguous). A logistic model over
 * them, fitted on the labelled query set (`fitConfidenceModel`, run by `npm run bench:knowledge`),
 * turns them into a probability of being right.
 */
export interface ConfidenceModel {
  bias: number;
  logScore: number;
  coverage: number;
  margin: number;
}

/** Fitted on seed/labelled-queries.ts over the seed knowledge base (see the benchmark's calibration report). */
export const DEFAULT_CONFIDENCE_MODEL: ConfidenceModel = { bias: -5.41, logScore: 2.93, coverage: 1.19, margin: 2.46 };

/** Answers below this are not given: with the default model, ≥ 90% of those above it were right on the labelled set. */
export const DEFAULT_ANSWER_THRESHOLD = 0.8;

export interface ConfidenceFeatures {
  logScore: number;
  coverage: number;
  margin: number;
}

/** Signals of the top hit; translations of one article are not rivals of each other. */
export function confidenceFeatures(hits: ArticleHit[]): ConfidenceFeatures | null {
  const [top] = hits;
  if (!top) return null;
  const rival = hits.find((h) => h.translationGroup !== top.translationGroup);
  return {
    logScore: Math.log(1 + top.score),
    coverage: top.coverage,
    margin: rival ? (top.score - rival.score) / top.score : 1,
  };
}

export function confidenceOf(features: ConfidenceFeatures, model: ConfidenceModel = DEFAULT_CONFIDENCE_MODEL): number {
  const z = model.bias + model.logScore * features.logScore + model.coverage * features.coverage + model.margin * features.margin;
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression by batch gradient descent with a little L2: small data, four weights, deterministic. */
export function fitConfidenceModel(samples: Array<{ features: ConfidenceFeatures; correct: boolean }>, iterations = 20_000, rate = 0.1, l2 = 0.001): ConfidenceModel {
  const w = { bias: 0, logScore: 0, coverage: 0, margin: 0 };
  const n = Math.max(samples.length, 1);
  for (let it = 0; it < iterations; it++) {
    const g = { bias: 0, logScore: 0, coverage: 0, margin: 0 };
    for (const { features: f, correct } of samples) {
      const error = confidenceOf(f, w) - (correct ? 1 : 0);
      g.bias += error;
      g.logScore += error * f.logScore;
      g.coverage += error * f.coverage;
      g.margin += error * f.margin;
    }
    w.bias -= (rate * g.bias) / n;
    w.logScore -= rate * (g.logScore / n + l2 * w.logScore);
    w.coverage -= rate * (g.coverage / n + l2 * w.coverage);
    w.margin -= rate * (g.margin / n + l2 * w.margin);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { bias: round(w.bias), logScore: round(w.logScore), coverage: round(w.coverage), margin: round(w.margin) };
}
