import { Injectable } from '@nestjs/common';
import { ARTICLE_LOCALES, type ArticleLocale, type SelfServiceAnswer, type SelfServicePort } from '@ticketing/contracts';
import { ArticleSearchService } from '../searching/article-search.service';
import { answerFrom } from './self-service-answer';

/** Intake's SelfServicePort (libs/contracts), answered from the tenant's published public articles. */
@Injectable()
export class KnowledgeSelfService implements SelfServicePort {
  constructor(private readonly search: ArticleSearchService) {}

  async answer(tenantId: string, text: string, locale: string): Promise<SelfServiceAnswer | null> {
    if (text.trim().length === 0) return null;
    const found = answerFrom(await this.search.indexFor(tenantId), { text: text.slice(0, 1000), locale: articleLocaleOf(locale) });
    return found && { articleId: found.articleId, answer: found.answer, confidence: found.confidence };
  }
}

/** Channel languages come as BCP 47 tags of any shape (zh-Hant, en-GB, zh); articles have four locales. */
export function articleLocaleOf(tag: string): ArticleLocale | undefined {
  if ((ARTICLE_LOCALES as readonly string[]).includes(tag)) return tag as ArticleLocale;
  const lower = tag.toLowerCase();
  if (lower === 'zh-hant' || lower.startsWith('zh-hant-') || lower === 'zh-tw') return 'zh-TW';
  if (lower === 'zh-hk' || lower === 'zh-mo') return 'zh-HK';
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}
