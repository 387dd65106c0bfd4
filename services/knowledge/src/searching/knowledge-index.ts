import type { ArticleAudience } from '@ticketing/contracts';
import { Bm25Index, highlight, type QueryTerm } from '@ticketing/search';

/** A live (published) article as search sees it. Pure data: the index never touches the database. */
export interface IndexedArticle {
  articleId: string;
  locale: string;
  audience: string;
  category: string;
  tags: string[];
  title: string;
  /** Plain text of the Markdown body. */
  text: string;
  revision: number;
  translationGroup: string;
  helpful: number;
  notHelpful: number;
}

export interface KnowledgeQuery {
  text: string;
  locale?: string;
  /** Audiences the caller may see: customers only `public`. */
  audiences: readonly ArticleAudience[];
  /** Only this category… */
  category?: string;
  /** …or rank this category higher without excluding others (agent assist). */
  preferCategory?: string;
  limit?: number;
}

export interface ArticleHit {
  articleId: string;
  title: string;
  /** The best passage, matches wrapped in `<mark>`, HTML-escaped. */
  snippet: string;
  highlightedTitle: string;
  score: number;
  /** Text score before boosts, as a share of what a document matching every query term could reach (0..1). */
  coverage: number;
  locale: string;
  category: string;
  audience: string;
  revision: number;
  translationGroup: string;
  helpful: number;
  notHelpful: number;
}

export interface KnowledgeResult {
  hits: ArticleHit[];
  terms: QueryTerm[];
}

/** Title counts three times a body occurrence, tags twice: both say what an article is about. */
const FIELD_WEIGHTS = { title: 3, tags: 2, body: 1 } as const;
const PREFERRED_CATEGORY_BOOST = 1.3;

/**
 * Helpfulness as a gentle multiplier in [0.85, 1.15]: Laplace-smoothed, so an article without
 * feedback is neutral and a few votes cannot bury a relevant answer.
 */
export function helpfulnessBoost(helpful: number, notHelpful: number): number {
  return 0.85 + 0.3 * ((helpful + 1) / (helpful + notHelpful + 2));
}

/** Enough unhelpful votes, and more of them than helpful ones: the article needs an editor. */
export function isWeakArticle(helpful: number, notHelpful: number): boolean {
  return notHelpful >= 3 && notHelpful > helpful;
}

/** One tenant's searchable articles, kept current one article at a time. */
export class KnowledgeIndex {
  private readonly index = new Bm25Index<keyof typeof FIELD_WEIGHTS, IndexedArticle>({ fields: FIELD_WEIGHTS });

  get size(): number {
    return this.index.size;
  }

  upsert(article: IndexedArticle): void {
    this.index.upsert(article.articleId, { title: article.title, tags: article.tags.join(' '), body: article.text }, article);
  }

  /** Feedback changes ranking but not text: no re-tokenising. */
  updateFeedback(articleId: string, helpful: number, notHelpful: number): void {
    const meta = this.index.meta(articleId);
    if (meta) this.index.updateMeta(articleId, { ...meta, helpful, notHelpful });
  }

  get(articleId: string): IndexedArticle | undefined {
    return this.index.meta(articleId);
  }

  remove(articleId: string): void {
    this.index.remove(articleId);
  }

  search(query: KnowledgeQuery): KnowledgeResult {
    const terms = this.index.queryTerms(query.text);
    const ideal = this.index.idealScore(terms);
    const hits = this.index.search(terms, {
      limit: query.limit ?? 10,
      filter: (a) =>
        query.audiences.includes(a.audience as ArticleAudience) &&
        (query.locale === undefined || a.locale === query.locale) &&
        (query.category === undefined || a.category === query.category),
      boost: (a) => helpfulnessBoost(a.helpful, a.notHelpful) * (query.preferCategory === a.category ? PREFERRED_CATEGORY_BOOST : 1),
    });
    return {
      terms,
      hits: hits.map(({ meta: a, score, matchedTerms }) => {
        const raw = score / (helpfulnessBoost(a.helpful, a.notHelpful) * (query.preferCategory === a.category ? PREFERRED_CATEGORY_BOOST : 1));
        return {
          articleId: a.articleId,
          title: a.title,
          snippet: highlight(a.text, matchedTerms),
          highlightedTitle: highlight(a.title, matchedTerms, { window: 1000 }),
          score,
          coverage: ideal > 0 ? Math.min(1, raw / ideal) : 0,
          locale: a.locale,
          category: a.category,
          audience: a.audience,
          revision: a.revision,
          translationGroup: a.translationGroup,
          helpful: a.helpful,
          notHelpful: a.notHelpful,
        };
      }),
    };
  }
}
