import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ARTICLE_AUDIENCES, ARTICLE_LIMITS, ARTICLE_LOCALES, CATEGORIES, type ArticleAudience, type ArticleLocale, type Category } from '@ticketing/contracts';

export const ARTICLE_ID = /^[A-Za-z0-9][\w.-]{0,199}$/;
const ARTICLE_ID_MESSAGE = 'must be 1-200 letters, digits, . _ - (starting with a letter or digit)';

/** The editable content, shared by drafting and revising. */
export class ArticleContentRequest {
  @ApiProperty({ example: 'How long does a refund take?' })
  @IsString()
  @Length(1, ARTICLE_LIMITS.title)
  title!: string;

  @ApiProperty({ description: 'Markdown; may be empty in a draft, required to publish' })
  @IsString()
  @MaxLength(ARTICLE_LIMITS.body)
  body!: string;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiPropertyOptional({ example: ['refund'] })
  @IsOptional()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @Length(1, ARTICLE_LIMITS.tag, { each: true })
  tags?: string[];

  @ApiProperty({ enum: ARTICLE_AUDIENCES })
  @IsIn(ARTICLE_AUDIENCES)
  audience!: ArticleAudience;
}

export class DraftArticleRequest extends ArticleContentRequest {
  @ApiPropertyOptional({ description: 'Your own id (e.g. from an FAQ you import); generated when absent' })
  @IsOptional()
  @Matches(ARTICLE_ID, { message: `articleId ${ARTICLE_ID_MESSAGE}` })
  articleId?: string;

  @ApiProperty({ enum: ARTICLE_LOCALES })
  @IsIn(ARTICLE_LOCALES, { message: `locale must be one of ${ARTICLE_LOCALES.join(', ')}` })
  locale!: ArticleLocale;

  @ApiPropertyOptional({ description: 'The article this one translates' })
  @IsOptional()
  @Matches(ARTICLE_ID, { message: `translationOf ${ARTICLE_ID_MESSAGE}` })
  translationOf?: string;
}

export class ReviseArticleRequest extends ArticleContentRequest {
  @ApiPropertyOptional({ description: 'Why this revision' })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  reason?: string;
}

export class ReviewNoteRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  note?: string;
}

export class ScheduleRequest {
  @ApiProperty({ example: '2030-01-01T08:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'publishAt must be an ISO-8601 timestamp' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'publishAt must carry a time zone (Z or ±hh:mm)' })
  publishAt!: string;
}

export class RetireRequest {
  @ApiProperty()
  @IsString()
  @Length(1, ARTICLE_LIMITS.reason)
  reason!: string;
}

export class FeedbackRequest {
  @ApiProperty()
  @IsBoolean()
  helpful!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ticketId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  comment?: string;
}
