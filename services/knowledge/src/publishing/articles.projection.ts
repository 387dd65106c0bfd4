import {
  ArticleApproved,
  ArticleChangesRequested,
  ArticleDrafted,
  ArticleFeedbackRecorded,
  ArticlePublished,
  ArticlePublishingScheduled,
  ArticleRetired,
  ArticleRevised,
  ArticleSubmittedForReview,
  ArticleTranslationLinked,
  articleEventDefinitions,
  type ArticleContent,
  type EventEnvelope,
} from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { LearnedSource } from '../assist/knowledge-ticket.entity';
import { ArticleRevisionView, ArticleView, IndexGeneration } from './article-view.entity';

/**
 * `knowledge.articles`: article rows for listing, search and the publish sweeper. Every change that
 * search must see bumps the tenant's index generation in the same transaction, so each search
 * replica catches up from the rows newer than what it has.
 */
export const articlesProjection: Projection = {
  name: 'knowledge.articles',
  categories: ['article'],
  handles: articleEventDefinitions.map((d) => d.type),

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const tenantId = event.tenantId;
    const at = new Date(event.occurredAt);
    if (ArticleDrafted.is(event)) {
      const d = event.data;
      const group = d.translationOf ? await groupOf(manager, tenantId, d.translationOf) : d.articleId;
      await saveRevision(manager, tenantId, d.articleId, 1, d);
      await manager.upsert(
        ArticleView,
        {
          tenantId, articleId: d.articleId, locale: d.locale, translationGroup: group, translationOf: d.translationOf, origin: d.origin,
          status: 'draft', currentRevision: 1, title: d.title, category: d.category, tags: d.tags, audience: d.audience,
          publishedRevision: null, liveTitle: null, liveBody: null, liveCategory: null, liveTags: null, liveAudience: null,
          helpful: 0, notHelpful: 0, publishAt: null, updatedAt: at, generation: '0',
        },
        ['tenantId', 'articleId'],
      );
      if (d.sourceTicketIds.length > 0) {
        await manager.upsert(LearnedSource, d.sourceTicketIds.map((ticketId) => ({ tenantId, ticketId, articleId: d.articleId })), ['tenantId', 'ticketId']);
      }
      return;
    }
    const key = { tenantId, articleId: (event.data as { articleId: string }).articleId };
    if (ArticleRevised.is(event)) {
      const d = event.data;
      await saveRevision(manager, tenantId, d.articleId, d.revision, d);
      await manager.update(ArticleView, key, {
        currentRevision: d.revision, title: d.title, category: d.category, tags: d.tags, audience: d.audience,
        status: 'draft', publishAt: null, updatedAt: at,
      });
      return;
    }
    if (ArticleSubmittedForReview.is(event)) return void (await manager.update(ArticleView, key, { status: 'in_review', updatedAt: at }));
    if (ArticleChangesRequested.is(event)) return void (await manager.update(ArticleView, key, { status: 'draft', updatedAt: at }));
    if (ArticleApproved.is(event)) return void (await manager.update(ArticleView, key, { status: 'approved', updatedAt: at }));
    if (ArticlePublishingScheduled.is(event)) {
      return void (await manager.update(ArticleView, key, { publishAt: new Date(event.data.publishAt), updatedAt: at }));
    }
    if (ArticlePublished.is(event)) {
      const revision = await manager.findOneByOrFail(ArticleRevisionView, { ...key, revision: event.data.revision });
      await manager.update(ArticleView, key, {
        status: 'published', publishedRevision: revision.revision, liveTitle: revision.title, liveBody: revision.body,
        liveCategory: revision.category, liveTags: revision.tags, liveAudience: revision.audience, publishAt: null, updatedAt: at,
        generation: await nextGeneration(manager, tenantId),
      });
      return;
    }
    if (ArticleRetired.is(event)) {
      await manager.update(ArticleView, key, { status: 'retired', publishAt: null, updatedAt: at, generation: await nextGeneration(manager, tenantId) });
      return;
    }
    if (ArticleTranslationLinked.is(event)) {
      const group = await groupOf(manager, tenantId, event.data.translationOf);
      await manager.update(ArticleView, key, { translationOf: event.data.translationOf, translationGroup: group, updatedAt: at, generation: await nextGeneration(manager, tenantId) });
      return;
    }
    if (ArticleFeedbackRecorded.is(event)) {
      const column = event.data.helpful ? 'helpful' : 'notHelpful';
      await manager
        .createQueryBuilder()
        .update(ArticleView)
        .set({ [column]: () => `"${column}" + 1`, generation: await nextGeneration(manager, tenantId) })
        .where(key)
        .execute();
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(ArticleView);
    await manager.clear(ArticleRevisionView);
    await manager.clear(LearnedSource);
    // A new epoch tells running search replicas to drop what they hold and reload.
    await manager.createQueryBuilder().update(IndexGeneration).set({ epoch: () => 'epoch + 1' }).execute();
  },
};

async function saveRevision(manager: EntityManager, tenantId: string, articleId: string, revision: number, content: ArticleContent): Promise<void> {
  const { title, body, category, tags, audience } = content;
  await manager.upsert(ArticleRevisionView, { tenantId, articleId, revision, title, body, category, tags, audience }, ['tenantId', 'articleId', 'revision']);
}

/** Translations share the group of the article they translate (or that article's id if it has none yet). */
async function groupOf(manager: EntityManager, tenantId: string, articleId: string): Promise<string> {
  const source = await manager.findOneBy(ArticleView, { tenantId, articleId });
  return source?.translationGroup ?? articleId;
}

async function nextGeneration(manager: EntityManager, tenantId: string): Promise<string> {
  const rows: Array<{ generation: string }> = await manager.query(
    `INSERT INTO knowledge.index_generations ("tenantId", generation) VALUES ($1, 1)
     ON CONFLICT ("tenantId") DO UPDATE SET generation = knowledge.index_generations.generation + 1
     RETURNING generation`,
    [tenantId],
  );
  return String(rows[0].generation);
}
