import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { answerFrom } from '../answering/self-service-answer';
import { articleLocaleOf } from '../answering/self-service.provider';
import { KnowledgeTicket } from '../assist/knowledge-ticket.entity';
import { findProblems } from '../learning/find-problems';
import { LearningService, type Problem } from '../learning/learning.service';
import { ArticleSearchService } from '../searching/article-search.service';
import { ArticleView } from '../publishing/article-view.entity';

export interface WeakArticle {
  articleId: string;
  title: string;
  locale: string;
  category: string;
  helpful: number;
  notHelpful: number;
  helpfulRatio: number;
}

/** Customers keep asking this, and self-service has no answer for it today. */
export interface NoAnswerQuery {
  category: string;
  label: string;
  terms: string[];
  count: number;
  ticketIds: string[];
}

/** Recent customer messages checked against the knowledge base, at most. */
const MAX_QUERIES_CHECKED = 5000;

export interface WeakArticlesOptions {
  /** Votes an article needs before its ratio means anything. */
  minVotes: number;
  /** Below this share of helpful votes an article is weak. */
  maxHelpfulRatio: number;
  /** Unanswered problems: at least this many resolved tickets in the last `days`. */
  minFrequency: number;
  days: number;
}

export const DEFAULT_WEAK_OPTIONS: WeakArticlesOptions = { minVotes: 5, maxHelpfulRatio: 0.5, minFrequency: 3, days: 7 };

/** The defaults with what a caller chose (REST query or gRPC message; absent = default). */
export function weakArticlesOptions(chosen: Partial<Pick<WeakArticlesOptions, 'minVotes' | 'maxHelpfulRatio' | 'minFrequency'>>): WeakArticlesOptions {
  const { minVotes, maxHelpfulRatio, minFrequency } = chosen;
  return {
    ...DEFAULT_WEAK_OPTIONS,
    ...(minVotes !== undefined ? { minVotes } : {}),
    ...(maxHelpfulRatio !== undefined ? { maxHelpfulRatio } : {}),
    ...(minFrequency !== undefined ? { minFrequency } : {}),
  };
}

/**
 * For editors: live articles readers keep finding unhelpful (customers' and agents' votes), and
 * frequent problems of the last days that no article answers well (from learning).
 */
@Injectable()
export class WeakArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningService,
    private readonly search: ArticleSearchService,
  ) {}

  async list(
    tenantId: string,
    options: WeakArticlesOptions = DEFAULT_WEAK_OPTIONS,
  ): Promise<{ articles: WeakArticle[]; unanswered: Problem[]; noAnswerQueries: NoAnswerQuery[] }> {
    const rows = await this.dataSource
      .getRepository(ArticleView)
      .createQueryBuilder('a')
      .where('a."tenantId" = :tenantId AND a.status = :status', { tenantId, status: 'published' })
      .andWhere('a.helpful + a."notHelpful" >= :minVotes', { minVotes: options.minVotes })
      .andWhere('a.helpful < CAST(:ratio AS double precision) * (a.helpful + a."notHelpful")', { ratio: options.maxHelpfulRatio })
      .getMany();
    const ratio = (r: ArticleView) => r.helpful / (r.helpful + r.notHelpful);
    rows.sort((a, b) => ratio(a) - ratio(b) || b.notHelpful - a.notHelpful);
    const report = await this.learning.topProblems(tenantId, this.learning.defaultPeriod(options.days), { minCount: options.minFrequency, limit: 100 });
    return {
      articles: rows.slice(0, 100).map((r) => ({
        articleId: r.articleId,
        title: r.liveTitle ?? r.title,
        locale: r.locale,
        category: r.liveCategory ?? r.category,
        helpful: r.helpful,
        notHelpful: r.notHelpful,
        helpfulRatio: Math.round((r.helpful / (r.helpful + r.notHelpful)) * 1000) / 1000,
      })),
      unanswered: report.problems.filter((p) => !p.answered),
      noAnswerQueries: await this.noAnswerQueries(tenantId, options),
    };
  }

  /**
   * Frequent no-answer queries: the customers' first messages of the last days that self-service
   * (public articles, default threshold) cannot answer with today's knowledge base, grouped by
   * similarity within their category.
   */
  private async noAnswerQueries(tenantId: string, options: WeakArticlesOptions): Promise<NoAnswerQuery[]> {
    const since = new Date(this.learning.defaultPeriod(options.days).from);
    const tickets = await this.dataSource.getRepository(KnowledgeTicket).find({
      where: { tenantId, openedAt: MoreThanOrEqual(since) },
      order: { openedAt: 'DESC' },
      take: MAX_QUERIES_CHECKED,
    });
    const index = await this.search.indexFor(tenantId);
    const unanswered = tickets
      .filter((t) => answerFrom(index, { text: `${t.subject}\n${t.text}`.slice(0, 1000), locale: articleLocaleOf(t.language) }) === null)
      .map((t) => ({
        ticketId: t.ticketId,
        category: t.category ?? 'other',
        subject: t.subject,
        text: t.text,
        language: t.language,
        at: t.openedAt.getTime(),
        resolutionSummary: '',
        replies: [],
      }));
    return findProblems(unanswered, [], { minCount: options.minFrequency }).map((p) => ({
      category: p.category,
      label: p.label,
      terms: p.terms,
      count: p.count,
      ticketIds: p.tickets.map((t) => t.ticketId),
    }));
  }
}
