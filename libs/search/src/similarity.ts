import { isCjkUnigram, tokenize } from './tokenize';

/**
 * Text similarity for grouping short texts (tickets) by what they are about: tf-idf vectors over
 * the same tokens search uses (words for Latin scripts, characters and bigrams for Chinese), cosine
 * similarity, and a single-pass leader clustering against running centroids. Pure: no I/O.
 */
export type TermVector = Map<string, number>;

/** Term counts of a text; CJK single characters count half (bigrams carry the meaning). */
export function termCounts(text: string): TermVector {
  const counts: TermVector = new Map();
  for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + (isCjkUnigram(term) ? 0.5 : 1));
  return counts;
}

/** Smoothed inverse document frequency of every term over a set of texts' term counts. */
export function inverseDocumentFrequency(documents: readonly TermVector[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of documents) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log(1 + n / count));
  return idf;
}

/** log(1 + tf) × idf, L2-normalised; terms absent from `idf` weigh `unseenIdf`. */
export function tfidfVector(counts: TermVector, idf: Map<string, number>, unseenIdf = 1): TermVector {
  const vector: TermVector = new Map();
  let norm = 0;
  for (const [term, tf] of counts) {
    const w = Math.log(1 + tf) * (idf.get(term) ?? unseenIdf);
    vector.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [term, w] of vector) vector.set(term, w / norm);
  return vector;
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface Cluster<T> {
  members: T[];
  /** Sum of the members' vectors (cosine is scale-free, so no need to divide). */
  centroid: TermVector;
}

/**
 * Leader clustering: each item joins the most similar cluster whose centroid it resembles at
 * least `threshold` (cosine), else starts its own. Deterministic for a given input order; O(n·k).
 */
export function clusterBySimilarity<T>(items: readonly T[], vectorOf: (item: T) => TermVector, threshold: number): Cluster<T>[] {
  const clusters: Cluster<T>[] = [];
  for (const item of items) {
    const vector = vectorOf(item);
    if (vector.size === 0) continue;
    let best: Cluster<T> | undefined;
    let bestSimilarity = threshold;
    for (const cluster of clusters) {
      const similarity = cosine(vector, cluster.centroid);
      if (similarity >= bestSimilarity) {
        best = cluster;
        bestSimilarity = similarity;
      }
    }
    if (!best) {
      clusters.push({ members: [item], centroid: new Map(vector) });
      continue;
    }
    best.members.push(item);
    for (const [term, w] of vector) best.centroid.set(term, (best.centroid.get(term) ?? 0) + w);
  }
  return clusters;
}

/** The heaviest terms of a vector (words and bigrams before single CJK characters). */
export function topTerms(vector: TermVector, n: number): string[] {
  return [...vector.entries()]
    .sort((a, b) => Number(isCjkUnigram(a[0])) - Number(isCjkUnigram(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([term]) => term);
}
