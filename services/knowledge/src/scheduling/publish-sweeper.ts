import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CommandMetadata } from '@ticketing/contracts';
import { aggregateStream, WrongExpectedRevisionError, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { articleDecider } from '../authoring/article.decider';
import { articleStream } from '../authoring/articles.service';
import { ArticleView } from '../publishing/article-view.entity';
import { startPeriodic, type Periodic } from './periodic';

export const KNOWLEDGE_CLOCK = Symbol('KNOWLEDGE_CLOCK');
export type KnowledgeClock = () => number;

export interface SweepResult {
  /** Articles this sweep published. */
  published: number;
  /** Due articles another sweeper (or an editor) changed first: left to the next sweep to re-decide. */
  raced: number;
}

/**
 * Publishes approved revisions whose scheduled time has come. Durable without a store of its own:
 * the schedule is an event (ArticlePublishingScheduled), and `knowledge.articles` keeps `publishAt`
 * for approved rows, so a restarted process simply finds what is due. Each publication is appended
 * with the stream revision the sweeper read, so two sweepers racing on one article publish it once:
 * the loser's append fails on the expected revision and, re-deciding later, finds nothing to do.
 */
@Injectable()
export class PublishSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublishSweeper.name);
  private readonly clock: KnowledgeClock;
  private periodic?: Periodic;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(KNOWLEDGE_CLOCK) clock?: KnowledgeClock,
  ) {
    this.clock = clock ?? Date.now;
  }

  onApplicationBootstrap(): void {
    if (process.env.KNOWLEDGE_SWEEPER === 'off') return;
    this.periodic = startPeriodic('publish sweep', Number(process.env.KNOWLEDGE_SWEEP_MS ?? 5000), () => this.sweep(), this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
  }

  /** One pass over every tenant's due articles (oldest schedule first, in batches). */
  async sweep(batchSize = 100): Promise<SweepResult> {
    const now = this.clock();
    const result: SweepResult = { published: 0, raced: 0 };
    const due = await this.dataSource.getRepository(ArticleView).find({
      select: { tenantId: true, articleId: true },
      where: { status: 'approved', publishAt: LessThanOrEqual(new Date(now)) },
      order: { publishAt: 'ASC' },
      take: batchSize,
    });
    for (const row of due) {
      const outcome = await this.publishIfDue(row.tenantId, row.articleId, now);
      if (outcome === 'published') result.published++;
      if (outcome === 'raced') result.raced++;
    }
    return result;
  }

  async publishIfDue(tenantId: string, articleId: string, now: number): Promise<'published' | 'nothing' | 'raced'> {
    const stream = articleStream(tenantId, articleId);
    const { state, revision } = await aggregateStream(this.store, stream, articleDecider.evolve, articleDecider.initialState);
    const metadata: CommandMetadata = {
      tenantId,
      actor: { kind: 'system', id: 'knowledge-publish-sweeper' },
      correlationId: randomUUID(),
      now: new Date(now).toISOString(),
    };
    const events = articleDecider.decide({ type: 'PublishDue', metadata, data: {} }, state);
    if (events.length === 0) return 'nothing';
    events.forEach((event) => validateNewEvent(event));
    try {
      await this.store.appendToStream(stream, events, { expectedRevision: revision });
      return 'published';
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return 'raced';
      throw error;
    }
  }
}
