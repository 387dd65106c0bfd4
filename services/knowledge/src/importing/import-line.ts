import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength, validateSync, type ValidationError } from 'class-validator';
import { ARTICLE_AUDIENCES, ARTICLE_LIMITS, ARTICLE_LOCALES, CATEGORIES, type ArticleAudience, type ArticleLocale, type Category } from '@ticketing/contracts';
import { ARTICLE_ID } from '../authoring/article.requests';

export const MAX_IMPORT_LINES = 5000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One article per JSONL line, as a shop's FAQ export would give it. */
export class ImportLine {
  /** The shop's own id: the article id, so a re-import lands on the same article. */
  @Matches(ARTICLE_ID, { message: 'externalId must be 1-200 letters, digits, . _ - (starting with a letter or digit)' })
  externalId!: string;

  @IsIn(ARTICLE_LOCALES, { message: `locale must be one of ${ARTICLE_LOCALES.join(', ')}` })
  locale!: ArticleLocale;

  @IsString()
  @Length(1, ARTICLE_LIMITS.title)
  title!: string;

  @IsString()
  @MaxLength(ARTICLE_LIMITS.body)
  body!: string;

  @IsIn(CATEGORIES, { message: `category must be one of ${CATEGORIES.join(', ')}` })
  category!: Category;

  @IsOptional()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @Length(1, ARTICLE_LIMITS.tag, { each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(ARTICLE_AUDIENCES)
  audience?: ArticleAudience;

  /** externalId of the article this one translates (in the same file or already imported). */
  @IsOptional()
  @Matches(ARTICLE_ID, { message: 'translationOf must be the externalId of another article' })
  translationOf?: string;

  /** Publish on import (default true); false keeps it a draft. */
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}

export interface LineError {
  line: number;
  field: string;
  message: string;
}

export type ParsedLine = { line: number; article: ImportLine };

/** Splits JSONL into valid articles and per-line errors naming the field; blank lines are skipped. */
export function parseImport(text: string): { articles: ParsedLine[]; errors: LineError[] } {
  const articles: ParsedLine[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, field: '(line)', message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, field: '(line)', message: 'must be a JSON object (one article)' });
      return;
    }
    const article = plainToInstance(ImportLine, value);
    const problems = validateSync(article, { whitelist: true }).flatMap((e) => flatten(e));
    if (article.publish !== false && typeof article.body === 'string' && article.body.trim() === '') {
      problems.push({ field: 'body', message: 'body must not be empty for an article to publish (send "publish": false to import a draft)' });
    }
    if (typeof article.externalId === 'string' && seen.has(article.externalId)) {
      problems.push({ field: 'externalId', message: `externalId ${article.externalId} already appears on line ${seen.get(article.externalId)}` });
    }
    if (article.translationOf !== undefined && article.translationOf === article.externalId) {
      problems.push({ field: 'translationOf', message: 'an article cannot translate itself' });
    }
    if (problems.length > 0) {
      errors.push(...problems.map((p) => ({ line, ...p })));
      return;
    }
    seen.set(article.externalId, line);
    articles.push({ line, article });
  });
  return { articles, errors };
}

function flatten(error: ValidationError, prefix = ''): Array<{ field: string; message: string }> {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}
