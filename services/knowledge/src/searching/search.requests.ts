import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ARTICLE_AUDIENCES, ARTICLE_LOCALES, CATEGORIES, type ArticleAudience, type ArticleLocale, type Category } from '@ticketing/contracts';

/** Queries longer than this are refused: search is for questions, not documents. */
export const MAX_QUERY_LENGTH = 1000;

export class SearchQuery {
  @ApiProperty({ example: '退款多久到账', maxLength: MAX_QUERY_LENGTH })
  @IsString()
  @Length(1, MAX_QUERY_LENGTH, { message: `q must be 1-${MAX_QUERY_LENGTH} characters` })
  q!: string;

  @ApiPropertyOptional({ enum: ARTICLE_LOCALES })
  @IsOptional()
  @IsIn(ARTICLE_LOCALES, { message: `locale must be one of ${ARTICLE_LOCALES.join(', ')}` })
  locale?: ArticleLocale;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: ARTICLE_AUDIENCES, description: 'Customers always see public articles only' })
  @IsOptional()
  @IsIn(ARTICLE_AUDIENCES)
  audience?: ArticleAudience;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class AnswerRequest {
  @ApiProperty({ example: 'When will I get my refund?', maxLength: MAX_QUERY_LENGTH })
  @IsString()
  @Length(1, MAX_QUERY_LENGTH, { message: `text must be 1-${MAX_QUERY_LENGTH} characters` })
  text!: string;

  @ApiPropertyOptional({ enum: ARTICLE_LOCALES })
  @IsOptional()
  @IsIn(ARTICLE_LOCALES, { message: `locale must be one of ${ARTICLE_LOCALES.join(', ')}` })
  locale?: ArticleLocale;
}
