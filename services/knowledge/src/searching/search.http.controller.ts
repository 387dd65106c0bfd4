import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleAudience } from '@ticketing/contracts';
import { CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { answerFrom, type SelfServiceAnswer } from '../answering/self-service-answer';
import { ArticleSearchService } from './article-search.service';
import type { ArticleHit } from './knowledge-index';
import { AnswerRequest, SearchQuery } from './search.requests';

@ApiTags('knowledge')
@Controller('knowledge')
export class SearchHttpController {
  constructor(private readonly search: ArticleSearchService) {}

  @Get('search')
  @Roles('customer', 'agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: 'Relevance search over published articles (Chinese and English), with highlighted matches' })
  async find(@Query() query: SearchQuery, @CurrentPrincipal() principal: Principal): Promise<{ results: ArticleHit[] }> {
    const text = nonBlank('q', query.q);
    // Customers never see internal articles, whatever they ask for.
    const audiences: ArticleAudience[] = principal.role === 'customer' ? ['public'] : query.audience ? [query.audience] : ['public', 'internal'];
    const index = await this.search.indexFor(principal.tenantId);
    const { hits } = index.search({ text, locale: query.locale, category: query.category, audiences, limit: query.limit ?? 10 });
    return { results: hits };
  }

  @Post('answers')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: 'Self-service: the best public article for a customer message with a calibrated confidence, or answer: null' })
  async answer(@Body() request: AnswerRequest, @CurrentPrincipal() principal: Principal): Promise<{ answer: SelfServiceAnswer | null }> {
    const index = await this.search.indexFor(principal.tenantId);
    return { answer: answerFrom(index, { text: nonBlank('text', request.text), locale: request.locale }) };
  }
}

export function nonBlank(field: string, value: string): string {
  if (value.trim().length === 0) throw new InputValidationError([{ field, message: 'must contain something to search for' }]);
  return value;
}
