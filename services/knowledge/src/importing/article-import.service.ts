import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ArticleContent, CommandMetadata } from '@ticketing/contracts';
import type { DataSource } from 'typeorm';
import { ArticleDomainError, currentRevision, type ArticleCommand } from '../authoring/article.decider';
import { ArticlesService } from '../authoring/articles.service';
import { ArticleRevisionView, ArticleView } from '../publishing/article-view.entity';
import { parseImport, type ImportLine, type LineError } from './import-line';

export type ImportOutcome = 'created' | 'revised' | 'unchanged';

export interface ImportReport {
  /** Lines that created an article. */
  created: number;
  /** Lines whose article existed with other content: a new revision, waiting for review. */
  revised: number;
  /** Lines whose article already had exactly this content (a re-import). */
  unchanged: number;
  results: Array<{ line: number; externalId: string; articleId: string; outcome: ImportOutcome; status: string }>;
  errors: LineError[];
}

/** What an export line holds: the import format, so export → import round-trips. */
export interface ExportLine {
  externalId: string;
  locale: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  audience: string;
  translationOf?: string;
  /** Published on import only if it is published (in its working revision) here. */
  publish: boolean;
  status: string;
  revision: number;
}

/**
 * Bulk import of a shop's FAQ (JSONL, one article per line) and export in the same format. The
 * externalId is the article id (the stream is per tenant), so importing the same file twice writes
 * nothing the second time. Imported first revisions are published by the importing supervisor (the
 * FAQ was reviewed where it came from); changed content on a re-import becomes a new revision for
 * review. Each line succeeds or fails on its own; bad lines are reported with line and field.
 */
@Injectable()
export class ArticleImportService {
  constructor(
    private readonly articles: ArticlesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async import(text: string, metadata: CommandMetadata): Promise<ImportReport> {
    const { articles, errors } = parseImport(text);
    const report: ImportReport = { created: 0, revised: 0, unchanged: 0, results: [], errors: [...errors] };
    // Sources before translations, so a translation may come before its source in the file.
    const ordered = [...articles].sort((a, b) => Number(a.article.translationOf !== undefined) - Number(b.article.translationOf !== undefined) || a.line - b.line);
    for (const { line, article } of ordered) {
      try {
        const { outcome, status } = await this.importOne(article, metadata);
        report[outcome]++;
        report.results.push({ line, externalId: article.externalId, articleId: article.externalId, outcome, status });
      } catch (error) {
        if (!(error instanceof ArticleDomainError)) throw error;
        report.errors.push({ line, field: fieldOf(error), message: error.message });
      }
    }
    report.results.sort((a, b) => a.line - b.line);
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }

  private async importOne(line: ImportLine, metadata: CommandMetadata): Promise<{ outcome: ImportOutcome; status: string }> {
    const articleId = line.externalId;
    const content: ArticleContent = { title: line.title, body: line.body, category: line.category, tags: line.tags ?? [], audience: line.audience ?? 'public' };
    const existing = await this.articles.load(metadata.tenantId, articleId).catch((error) => {
      if (error instanceof ArticleDomainError && error.code === 'article_not_found') return null;
      throw error;
    });
    if (line.translationOf !== undefined) {
      // The source must exist in this tenant before anything is written for this line.
      await this.articles.load(metadata.tenantId, line.translationOf).catch(() => {
        throw new ArticleDomainError('invalid_command', `translationOf: no article ${line.translationOf} in this knowledge base or file`);
      });
    }
    let outcome: ImportOutcome;
    if (!existing) {
      await this.run(articleId, {
        type: 'DraftArticle',
        metadata,
        data: { articleId, locale: line.locale, content, translationOf: line.translationOf ?? null, origin: 'imported', sourceTicketIds: [] },
      });
      if (line.publish !== false) {
        await this.run(articleId, { type: 'SubmitForReview', metadata, data: { note: 'bulk import' } });
        await this.run(articleId, { type: 'PublishArticle', metadata, data: { note: 'bulk import' } });
      }
      outcome = 'created';
    } else {
      if (existing.state.locale !== line.locale) {
        throw new ArticleDomainError('invalid_command', `locale: article ${articleId} exists in ${existing.state.locale}; a translation needs its own externalId`);
      }
      const result = await this.run(articleId, { type: 'ReviseArticle', metadata, data: { content, reason: 'bulk import' } });
      outcome = result.articleRevision > currentRevision(existing.state)!.revision ? 'revised' : 'unchanged';
      if (line.translationOf !== undefined) await this.run(articleId, { type: 'LinkTranslation', metadata, data: { translationOf: line.translationOf } });
    }
    const { state } = await this.articles.load(metadata.tenantId, articleId);
    return { outcome, status: state.status };
  }

  private run(articleId: string, command: ArticleCommand) {
    return this.articles.run(articleId, command);
  }

  /** The tenant's articles in import format: the working revision's content, oldest first. */
  async *export(tenantId: string, options: { status?: string } = {}): AsyncGenerator<ExportLine> {
    const pageSize = 500;
    for (let offset = 0; ; offset += pageSize) {
      const rows = await this.dataSource.getRepository(ArticleView).find({
        where: { tenantId, ...(options.status ? { status: options.status } : {}) },
        order: { articleId: 'ASC' },
        skip: offset,
        take: pageSize,
      });
      if (rows.length === 0) return;
      const bodies = await this.dataSource.getRepository(ArticleRevisionView).find({
        where: rows.map((r) => ({ tenantId, articleId: r.articleId, revision: r.currentRevision })),
      });
      const bodyOf = new Map(bodies.map((b) => [b.articleId, b.body]));
      for (const row of rows) {
        yield {
          externalId: row.articleId,
          locale: row.locale,
          title: row.title,
          body: bodyOf.get(row.articleId) ?? '',
          category: row.category,
          tags: row.tags,
          audience: row.audience,
          ...(row.translationOf ? { translationOf: row.translationOf } : {}),
          publish: row.status === 'published',
          status: row.status,
          revision: row.currentRevision,
        };
      }
      if (rows.length < pageSize) return;
    }
  }
}

/** Domain messages start with the field they are about ("body: …"); others concern the line. */
function fieldOf(error: ArticleDomainError): string {
  const match = /^([a-zA-Z]+):/.exec(error.message);
  return match ? match[1] : '(line)';
}
