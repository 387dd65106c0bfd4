import { isCjkUnigram, tokenize } from './tokenize';

/**
 * An in-memory BM25F index over documents with weighted fields (e.g. title and body). Documents can
 * be added, replaced and removed one at a time, so a read model can keep it current without
 * rebuilding it. Pure: no I/O, no clock.
 *
 * BM25F (Robertson & Zaragoza) rather than BM25 over a concatenated text: a term in the title counts
 * as `weight` occurrences, each field normalised by its own average length, so a long body does not
 * drown a short, telling title.
 */
export interface Bm25Options<F extends string> {
  /** Field weights, e.g. `{ title: 3, body: 1 }`. */
  fields: Record<F, number>;
  k1?: number;
  /** Length normalisation per field (0 = none, 1 = full). */
  b?: number;
  /** Query weight of a single CJK character relative to a bigram or word. */
  unigramWeight?: number;
  /**
   * Query terms found in more than this share of the documents are skipped (when the query has
   * rarer ones): they barely move the ranking (idf near 0) but their postings are most of the work.
   */
  maxDocumentShare?: number;
}

export interface SearchOptions<M> {
  limit?: number;
  /** Only documents whose metadata passes (locale, audience, category, tenant, …). */
  filter?: (meta: M) => boolean;
  /** A multiplier on the text score (e.g. helpfulness); 1 = neutral. */
  boost?: (meta: M) => number;
}

export interface SearchHit<M> {
  id: string;
  score: number;
  meta: M;
  /** Query terms the document contains: for highlighting and for answer confidence. */
  matchedTerms: string[];
}

export interface QueryTerm {
  term: string;
  /** How often it occurs in the query, times its kind's weight. */
  weight: number;
}

interface Posting {
  doc: number;
  /** Term frequency per field, in the order of the index's fields. */
  tf: number[];
}

interface StoredDoc<M> {
  id: string;
  meta: M;
  lengths: number[];
  terms: Set<string>;
}

export class Bm25Index<F extends string, M = unknown> {
  private readonly fieldNames: F[];
  private readonly weights: number[];
  private readonly k1: number;
  private readonly b: number;
  private readonly unigramWeight: number;
  private readonly maxDocumentShare: number;
  private readonly docs: Array<StoredDoc<M> | null> = [];
  private readonly slotById = new Map<string, number>();
  private readonly postings = new Map<string, Posting[]>();
  /** Live documents per term (postings may still hold removed ones until compaction). */
  private readonly documentFrequency = new Map<string, number>();
  private readonly totalLength: number[];
  private removed = 0;

  constructor(options: Bm25Options<F>) {
    this.fieldNames = Object.keys(options.fields) as F[];
    this.weights = this.fieldNames.map((f) => options.fields[f]);
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.unigramWeight = options.unigramWeight ?? 0.4;
    this.maxDocumentShare = options.maxDocumentShare ?? 0.2;
    this.totalLength = this.fieldNames.map(() => 0);
  }

  get size(): number {
    return this.slotById.size;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Adds a document, replacing any earlier one with the same id. */
  upsert(id: string, fields: Record<F, string>, meta: M): void {
    this.remove(id);
    const perField = this.fieldNames.map((f) => tokenize(fields[f] ?? ''));
    const tfByTerm = new Map<string, number[]>();
    perField.forEach((terms, fieldIndex) => {
      for (const term of terms) {
        let tf = tfByTerm.get(term);
        if (!tf) tfByTerm.set(term, (tf = this.fieldNames.map(() => 0)));
        tf[fieldIndex]++;
      }
    });
    const slot = this.docs.length;
    const lengths = perField.map((terms) => terms.length);
    this.docs.push({ id, meta, lengths, terms: new Set(tfByTerm.keys()) });
    this.slotById.set(id, slot);
    lengths.forEach((length, i) => (this.totalLength[i] += length));
    for (const [term, tf] of tfByTerm) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc: slot, tf });
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  /** Replaces a document's metadata (e.g. new helpfulness counts) without re-tokenising it. */
  updateMeta(id: string, meta: M): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.docs[slot]!.meta = meta;
    return true;
  }

  meta(id: string): M | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.docs[slot]!.meta;
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const doc = this.docs[slot]!;
    doc.lengths.forEach((length, i) => (this.totalLength[i] -= length));
    for (const term of doc.terms) {
      const df = (this.documentFrequency.get(term) ?? 1) - 1;
      if (df === 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
    }
    this.docs[slot] = null;
    this.slotById.delete(id);
    this.removed++;
    if (this.removed > 1000 && this.removed > this.docs.length / 3) this.compact();
    return true;
  }

  /** Terms of a query with their weights (single CJK characters weigh less). */
  queryTerms(query: string): QueryTerm[] {
    const weights = new Map<string, number>();
    for (const term of tokenize(query)) {
      weights.set(term, (weights.get(term) ?? 0) + (isCjkUnigram(term) ? this.unigramWeight : 1));
    }
    return [...weights].map(([term, weight]) => ({ term, weight }));
  }

  search(query: string | QueryTerm[], options: SearchOptions<M> = {}): SearchHit<M>[] {
    const terms = typeof query === 'string' ? this.queryTerms(query) : query;
    const limit = options.limit ?? 10;
    const n = this.size;
    if (n === 0 || terms.length === 0) return [];
    const averages = this.totalLength.map((total) => Math.max(total / n, 1));
    // Dense accumulators indexed by slot: no per-document objects in the hot loop.
    const scores = new Float64Array(this.docs.length);
    const touched: number[] = [];
    const cutoff = Math.max(this.maxDocumentShare * n, 50);
    const hasRareTerm = terms.some(({ term }) => (this.documentFrequency.get(term) ?? 0) <= cutoff);
    for (const { term, weight } of terms) {
      const list = this.postings.get(term);
      const df = this.documentFrequency.get(term);
      if (!list || !df || (hasRareTerm && df > cutoff)) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let p = 0; p < list.length; p++) {
        const posting = list[p];
        const doc = this.docs[posting.doc];
        if (!doc) continue;
        let pseudoTf = 0;
        for (let f = 0; f < posting.tf.length; f++) {
          if (posting.tf[f] === 0) continue;
          pseudoTf += (this.weights[f] * posting.tf[f]) / (1 - this.b + (this.b * doc.lengths[f]) / averages[f]);
        }
        if (scores[posting.doc] === 0) touched.push(posting.doc);
        scores[posting.doc] += weight * idf * (pseudoTf / (this.k1 + pseudoTf));
      }
    }
    // Keep the best `limit` in a small sorted array: cheaper than sorting every touched document.
    const best: Array<{ slot: number; score: number }> = [];
    for (const slot of touched) {
      const doc = this.docs[slot]!;
      const boosted = scores[slot] * (options.boost ? options.boost(doc.meta) : 1);
      if (best.length === limit && !outranks(boosted, doc.id, best[best.length - 1].score, this.docs[best[best.length - 1].slot]!.id)) continue;
      if (options.filter && !options.filter(doc.meta)) continue;
      let at = best.length;
      while (at > 0 && outranks(boosted, doc.id, best[at - 1].score, this.docs[best[at - 1].slot]!.id)) at--;
      best.splice(at, 0, { slot, score: boosted });
      if (best.length > limit) best.pop();
    }
    return best.map(({ slot, score }) => {
      const doc = this.docs[slot]!;
      return { id: doc.id, score, meta: doc.meta, matchedTerms: terms.filter((t) => doc.terms.has(t.term)).map((t) => t.term) };
    });
  }

  /** The best score a document could reach for these terms: every term matched (confidence scaling). */
  idealScore(terms: QueryTerm[]): number {
    const n = Math.max(this.size, 1);
    return terms.reduce((sum, { term, weight }) => {
      const df = this.documentFrequency.get(term) ?? 0;
      return sum + weight * Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }, 0);
  }

  private compact(): void {
    const live = this.docs.filter((d): d is StoredDoc<M> => d !== null);
    const remap = new Map<number, number>();
    this.docs.forEach((doc, slot) => {
      if (doc) remap.set(slot, remap.size);
    });
    for (const [term, list] of this.postings) {
      const kept = list.filter((p) => remap.has(p.doc)).map((p) => ({ doc: remap.get(p.doc)!, tf: p.tf }));
      if (kept.length === 0) this.postings.delete(term);
      else this.postings.set(term, kept);
    }
    this.docs.length = 0;
    this.docs.push(...live);
    this.slotById.clear();
    live.forEach((doc, slot) => this.slotById.set(doc.id, slot));
    this.removed = 0;
  }
}

/** Higher score first; ties broken by id so results are stable. */
function outranks(score: number, id: string, otherScore: number, otherId: string): boolean {
  return score > otherScore || (score === otherScore && id < otherId);
}
