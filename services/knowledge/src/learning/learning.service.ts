import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ARTICLE_LIMITS, type Category, type CommandMetadata } from '@ticketing/contracts';
import { InputValidationError } from '@ticketing/platform';
import { randomUUID } from 'node:crypto';
import { Between, In, MoreThan, type DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { confidenceFeatures, confidenceOf } from '../answering/answer-confidence';
import { articleLocaleOf } from '../answering/self-service.provider';
import { KnowledgeTicket, LearnedSource } from '../assist/knowledge-ticket.entity';
import { ArticlesService } from '../authoring/articles.service';
import { startPeriodic, type Periodic } from '../scheduling/periodic';
import { KNOWLEDGE_CLOCK, type KnowledgeClock } from '../scheduling/publish-sweeper';
import { ArticleSearchService } from '../searching/article-search.service';
import type { KnowledgeIndex } from '../searching/knowledge-index';
import { findProblems, type ProblemGroup, type TicketSample } from './find-problems';

const NAMESPACE = '6f1d3c2a-8e4b-4a7d-9c5e-2b1a0f9e8d7c';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A problem counts as answered when its best article of the same category would be given with at least this confidence. */
export const ANSWERED_CONFIDENCE = 0.5;
/** Problems this frequent in a period without a good article get a proposed draft. */
export const DEFAULT_MIN_FREQUENCY = 5;
const MAX_TICKETS_PER_PERIOD = 20_000;
const MAX_PERIOD_DAYS = 366;

export interface Problem {
  category: string;
  label: string;
  terms: string[];
  count: number;
  previousCount: number;
  rising: boolean;
  ticketIds: string[];
  bestArticleId: string | null;
  /** Calibrated confidence that the best article answers the problem (see answer-confidence). */
  bestArticleConfidence: number;
  answered: boolean;
  /** A learned draft already proposed for (most of) these tickets. */
  proposedArticleId: string | null;
}

export interface ProblemsReport {
  from: string;
  to: string;
  problems: Problem[];
}

/** A draft this run proposed. */
export interface Proposal {
  articleId: string;
  category: string;
  label: string;
  count: number;
}

export interface Period {
  from: number;
  to: number;
}

/**
 * Learning from resolved tickets: groups the period's resolved tickets into problems (text
 * similarity within a category), compares with the previous period, checks whether an article
 * answers each, and for a frequent unanswered one proposes a draft built from the agents'
 * resolutions (ProposeArticle by the `system` actor, with its reason, waiting for review).
 */
@Injectable()
export class LearningService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LearningService.name);
  private readonly clock: KnowledgeClock;
  private periodic?: Periodic;
  private lastRun = new Date(0);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: ArticleSearchService,
    private readonly articles: ArticlesService,
    @Optional() @Inject(KNOWLEDGE_CLOCK) clock?: KnowledgeClock,
  ) {
    this.clock = clock ?? Date.now;
  }

  /** Every KNOWLEDGE_LEARN_MS (default hourly), tenants with newly resolved tickets learn over the last week. */
  onApplicationBootstrap(): void {
    if (process.env.KNOWLEDGE_LEARNING === 'off') return;
    this.periodic = startPeriodic('learning', Number(process.env.KNOWLEDGE_LEARN_MS ?? 3_600_000), () => this.learnWhereResolved(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
  }

  private async learnWhereResolved(): Promise<void> {
    const since = this.lastRun;
    this.lastRun = new Date(this.clock());
    const tenants: Array<{ tenantId: string }> = await this.dataSource
      .getRepository(KnowledgeTicket)
      .createQueryBuilder('t')
      .select('DISTINCT t."tenantId"', 'tenantId')
      .where({ resolvedAt: MoreThan(since) })
      .getRawMany();
    for (const { tenantId } of tenants) await this.learn(tenantId, this.defaultPeriod());
  }

  defaultPeriod(days = 7): Period {
    const to = this.clock();
    return { from: to - days * DAY_MS, to };
  }

  /** A period from optional ISO bounds: `to` defaults to now, `from` to a week before `to`. */
  period(from?: string, to?: string): Period {
    const end = to ? Date.parse(to) : this.clock();
    const start = from ? Date.parse(from) : end - 7 * DAY_MS;
    if (start >= end) throw new InputValidationError([{ field: 'from', message: 'must be before to' }]);
    if (end - start > MAX_PERIOD_DAYS * DAY_MS) throw new InputValidationError([{ field: 'from', message: `the period may span at most ${MAX_PERIOD_DAYS} days` }]);
    return { from: start, to: end };
  }

  async topProblems(tenantId: string, period: Period, options: { limit?: number; minCount?: number } = {}): Promise<ProblemsReport> {
    const index = await this.search.indexFor(tenantId);
    const groups = await this.groups(tenantId, period, options.minCount ?? 2);
    const sources = await this.sourcesOf(tenantId, groups);
    return {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      problems: groups.slice(0, options.limit ?? 20).map((g) => this.describe(g, index, sources)),
    };
  }

  /** Proposes a draft for each frequent problem no article answers (once per problem); returns the new ones. */
  async learn(tenantId: string, period: Period, minFrequency = DEFAULT_MIN_FREQUENCY): Promise<Proposal[]> {
    const index = await this.search.indexFor(tenantId);
    const groups = (await this.groups(tenantId, period, minFrequency)).filter((g) => g.count >= minFrequency);
    const sources = await this.sourcesOf(tenantId, groups);
    const proposals: Proposal[] = [];
    for (const group of groups) {
      const problem = this.describe(group, index, sources);
      if (problem.answered || problem.proposedArticleId) continue;
      const articleId = `learned-${uuidv5(`${tenantId}\u0000${group.tickets[0].ticketId}`, NAMESPACE)}`;
      const metadata: CommandMetadata = {
        tenantId,
        actor: { kind: 'system', id: 'knowledge-learning' },
        correlationId: randomUUID(),
        now: new Date(this.clock()).toISOString(),
      };
      const reason =
        `${group.count} tickets about "${group.label}" (${group.category}) were resolved between ${new Date(period.from).toISOString()} and ` +
        `${new Date(period.to).toISOString()} (${group.previousCount} the period before${group.rising ? ', rising' : ''}); ` +
        (problem.bestArticleId
          ? `the best article ${problem.bestArticleId} answers it with confidence ${problem.bestArticleConfidence} < ${ANSWERED_CONFIDENCE}.`
          : 'no article matches it.') +
        ' Drafted from the agents\u2019 resolutions; review before publishing.';
      // Proposed by an earlier run whose sources the read model does not show yet: not news.
      const existing = await this.articles.load(tenantId, articleId).catch(() => null);
      if (existing) continue;
      await this.articles.run(articleId, {
        type: 'ProposeArticle',
        metadata,
        data: {
          articleId,
          locale: articleLocaleOf(group.representative.language) ?? 'en',
          content: draftContent(group),
          sourceTicketIds: group.tickets.slice(0, 100).map((t) => t.ticketId),
          reason: reason.slice(0, ARTICLE_LIMITS.reason),
        },
      });
      proposals.push({ articleId, category: group.category, label: group.label, count: group.count });
    }
    return proposals;
  }

  private async groups(tenantId: string, period: Period, minCount: number): Promise<ProblemGroup[]> {
    const length = period.to - period.from;
    const [current, previous] = await Promise.all([this.resolved(tenantId, period.from, period.to), this.resolved(tenantId, period.from - length, period.from)]);
    return findProblems(current, previous, { minCount });
  }

  private async resolved(tenantId: string, from: number, to: number): Promise<TicketSample[]> {
    const rows = await this.dataSource.getRepository(KnowledgeTicket).find({
      // [from, to): a ticket resolved exactly at the boundary belongs to the later period.
      where: { tenantId, resolvedAt: Between(new Date(from), new Date(to - 1)) },
      order: { resolvedAt: 'ASC' },
      take: MAX_TICKETS_PER_PERIOD,
    });
    return rows.map((r) => ({
      ticketId: r.ticketId,
      category: (r.category ?? 'other') as Category,
      subject: r.subject,
      text: r.text,
      language: r.language,
      at: r.resolvedAt!.getTime(),
      resolutionSummary: r.resolutionSummary ?? '',
      replies: r.replies,
    }));
  }

  private async sourcesOf(tenantId: string, groups: ProblemGroup[]): Promise<Map<string, string>> {
    const ids = groups.flatMap((g) => g.tickets.map((t) => t.ticketId));
    if (ids.length === 0) return new Map();
    const rows: LearnedSource[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      rows.push(...(await this.dataSource.getRepository(LearnedSource).findBy({ tenantId, ticketId: In(ids.slice(i, i + 1000)) })));
    }
    return new Map(rows.map((r) => [r.ticketId, r.articleId]));
  }

  private describe(group: ProblemGroup, index: KnowledgeIndex, sources: Map<string, string>): Problem {
    const { hits } = index.search({ text: `${group.representative.subject}\n${group.representative.text}`.slice(0, 1000), audiences: ['public', 'internal'], category: group.category, limit: 5 });
    const features = confidenceFeatures(hits);
    const confidence = features ? Math.round(confidenceOf(features) * 1000) / 1000 : 0;
    const sourced = group.tickets.map((t) => sources.get(t.ticketId)).filter((id): id is string => id !== undefined);
    return {
      category: group.category,
      label: group.label,
      terms: group.terms,
      count: group.count,
      previousCount: group.previousCount,
      rising: group.rising,
      ticketIds: group.tickets.map((t) => t.ticketId),
      bestArticleId: hits[0]?.articleId ?? null,
      bestArticleConfidence: confidence,
      answered: confidence >= ANSWERED_CONFIDENCE,
      // Half the group already went into a proposal: it is waiting for an editor, not new.
      proposedArticleId: sourced.length * 2 >= group.count ? mostCommon(sourced) : null,
    };
  }
}

/** The draft: the problem in the customer's words, then what the agents did and said. */
export function draftContent(group: ProblemGroup) {
  const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  const summaries = unique(group.tickets.map((t) => t.resolutionSummary)).slice(0, 5);
  const replies = unique(group.tickets.map((t) => t.replies[t.replies.length - 1] ?? '')).slice(0, 3);
  const body = [
    `> Drafted by the system from ${group.count} resolved tickets (${group.category}). Check and edit before publishing.`,
    '',
    '## The problem',
    '',
    group.representative.text.trim().slice(0, 2000) || group.representative.subject,
    '',
    '## How agents resolved it',
    '',
    ...(summaries.length > 0 ? summaries.map((s) => `- ${s.replace(/\s+/g, ' ').slice(0, 500)}`) : ['- (no resolution notes)']),
    ...(replies.length > 0 ? ['', '## Replies that worked', '', ...replies.flatMap((r) => [r.slice(0, 3000).split('\n').map((l) => `> ${l}`).join('\n'), ''])] : []),
  ].join('\n');
  return {
    title: group.label.slice(0, ARTICLE_LIMITS.title) || group.terms.join(' '),
    body: body.slice(0, ARTICLE_LIMITS.body),
    category: group.category as Category,
    tags: ['learned', ...group.terms.filter((t) => t.length <= ARTICLE_LIMITS.tag)].slice(0, 6),
    audience: 'internal' as const,
  };
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
