import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LearningService, type Problem } from '../learning/learning.service';
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

/**
 * For editors: live articles readers keep finding unhelpful (customers' and agents' votes), and
 * frequent problems of the last days that no article answers well (from learning).
 */
@Injectable()
export class WeakArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: LearningService,
  ) {}

  async list(tenantId: string, options: WeakArticlesOptions = DEFAULT_WEAK_OPTIONS): Promise<{ articles: WeakArticle[]; unanswered: Problem[] }> {
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
    };
  }
}
