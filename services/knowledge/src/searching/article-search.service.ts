import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoreThan, type DataSource } from 'typeorm';
import { ArticleView, IndexGeneration } from '../publishing/article-view.entity';
import { KnowledgeIndex } from './knowledge-index';
import { markdownToText } from './markdown-text';

interface TenantIndex {
  index: KnowledgeIndex;
  generation: bigint;
  epoch: number;
}

/**
 * Per-tenant in-memory search indexes, kept in step with the `knowledge.articles` read model: each
 * search reads the tenant's index generation (one primary-key lookup) and folds in only the rows
 * changed since. Any number of replicas stay consistent with the read model without a bus of their
 * own; a rebuilt read model (new epoch) makes them reload from scratch.
 */
@Injectable()
export class ArticleSearchService {
  private readonly tenants = new Map<string, TenantIndex>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async indexFor(tenantId: string): Promise<KnowledgeIndex> {
    const marker = await this.dataSource.getRepository(IndexGeneration).findOneBy({ tenantId });
    const generation = BigInt(marker?.generation ?? 0);
    const epoch = marker?.epoch ?? 0;
    let tenant = this.tenants.get(tenantId);
    if (!tenant || tenant.epoch !== epoch) {
      tenant = { index: new KnowledgeIndex(), generation: -1n, epoch };
      this.tenants.set(tenantId, tenant);
    }
    if (generation > tenant.generation) {
      const rows = await this.dataSource.getRepository(ArticleView).find({
        where: { tenantId, generation: MoreThan(String(tenant.generation < 0n ? -1n : tenant.generation)) },
      });
      for (const row of rows) apply(tenant.index, row);
      tenant.generation = generation;
    }
    return tenant.index;
  }
}

function apply(index: KnowledgeIndex, row: ArticleView): void {
  if (row.status === 'retired' || row.publishedRevision === null) {
    index.remove(row.articleId);
    return;
  }
  const current = index.get(row.articleId);
  if (current && current.revision === row.publishedRevision && current.translationGroup === row.translationGroup) {
    index.updateFeedback(row.articleId, row.helpful, row.notHelpful);
    return;
  }
  index.upsert({
    articleId: row.articleId,
    locale: row.locale,
    audience: row.liveAudience!,
    category: row.liveCategory!,
    tags: row.liveTags ?? [],
    title: row.liveTitle!,
    text: markdownToText(row.liveBody ?? ''),
    revision: row.publishedRevision,
    translationGroup: row.translationGroup,
    helpful: row.helpful,
    notHelpful: row.notHelpful,
  });
}
