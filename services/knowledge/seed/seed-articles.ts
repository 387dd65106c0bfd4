import * as OpenCC from 'opencc-js';
import type { ArticleAudience, ArticleLocale, Category } from '@ticketing/contracts';
import { SEED_TOPICS } from './seed-topics';

/** One line of the JSONL import/export format. */
export interface ArticleRecord {
  articleId: string;
  locale: ArticleLocale;
  translationOf: string | null;
  title: string;
  body: string;
  category: Category;
  tags: string[];
  audience: ArticleAudience;
}

/** Taiwan phrasing (軟體, 資訊), not just Traditional characters. */
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });

export const seedArticleId = (slug: string, locale: string) => `kb-${slug}-${locale.toLowerCase()}`;

/** The seed knowledge base in all three locales; Chinese articles are linked as translations of the English one. */
export function seedArticles(): ArticleRecord[] {
  return SEED_TOPICS.flatMap(({ slug, category, audience, tags, en, zh }) => {
    const source = seedArticleId(slug, 'en');
    const common = { category, audience };
    return [
      { articleId: source, locale: 'en', translationOf: null, ...en, tags: tags.filter((t) => /^[\x20-\x7e]+$/.test(t)), ...common },
      { articleId: seedArticleId(slug, 'zh-CN'), locale: 'zh-CN', translationOf: source, ...zh, tags: tags.filter((t) => !/^[\x20-\x7e]+$/.test(t)), ...common },
      {
        articleId: seedArticleId(slug, 'zh-TW'),
        locale: 'zh-TW',
        translationOf: source,
        title: toTaiwan(zh.title),
        body: toTaiwan(zh.body),
        tags: tags.filter((t) => !/^[\x20-\x7e]+$/.test(t)).map((t) => toTaiwan(t)),
        ...common,
      },
    ];
  });
}
