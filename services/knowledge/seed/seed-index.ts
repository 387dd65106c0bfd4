import { KnowledgeIndex, type IndexedArticle } from '../src/searching/knowledge-index';
import { markdownToText } from '../src/searching/markdown-text';
import type { JudgedQuery } from '../src/searching/relevance-evaluation';
import { LABELLED_QUERIES } from './labelled-queries';
import { seedArticleId, seedArticles, type ArticleRecord } from './seed-articles';

/** An import/export record as the search index holds it once published. */
export function indexedFromRecord(record: ArticleRecord, revision = 1): IndexedArticle {
  return {
    articleId: record.articleId,
    locale: record.locale,
    audience: record.audience,
    category: record.category,
    tags: record.tags,
    title: record.title,
    text: markdownToText(record.body),
    revision,
    translationGroup: record.translationOf ?? record.articleId,
    helpful: 0,
    notHelpful: 0,
  };
}

export function seedIndex(): KnowledgeIndex {
  const index = new KnowledgeIndex();
  for (const record of seedArticles()) index.upsert(indexedFromRecord(record));
  return index;
}

/** The labelled queries with their topics turned into the article ids of the query's locale. */
export function judgedSeedQueries(): JudgedQuery[] {
  return LABELLED_QUERIES.map(({ q, locale, topics }) => ({ q, locale, relevant: topics.map((t) => seedArticleId(t, locale)) }));
}
