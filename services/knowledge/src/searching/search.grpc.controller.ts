import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ArticleAudience } from '@ticketing/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { answerFrom } from '../answering/self-service-answer';
import { ArticleSearchService } from './article-search.service';
import { nonBlank } from './search.http.controller';
import { AnswerRequest, SearchQuery } from './search.requests';

/** gRPC face of search and self-service answers (libs/contracts/proto/knowledge.proto). */
@Controller()
export class SearchGrpcController {
  constructor(private readonly search: ArticleSearchService) {}

  @GrpcMethod('KnowledgeService', 'Search')
  @Roles('customer', 'agent', 'supervisor', 'analyst')
  async find(@Payload() query: SearchQuery, @CurrentPrincipal() principal: Principal) {
    const text = nonBlank('q', query.q);
    const audiences: ArticleAudience[] = principal.role === 'customer' ? ['public'] : query.audience ? [query.audience] : ['public', 'internal'];
    const index = await this.search.indexFor(principal.tenantId);
    return { results: index.search({ text, locale: query.locale, category: query.category, audiences, limit: query.limit ?? 10 }).hits };
  }

  @GrpcMethod('KnowledgeService', 'Answer')
  @Roles('customer', 'agent', 'supervisor')
  async answer(@Payload() request: AnswerRequest, @CurrentPrincipal() principal: Principal) {
    const index = await this.search.indexFor(principal.tenantId);
    const answer = answerFrom(index, { text: nonBlank('text', request.text), locale: request.locale });
    return answer ? { answer } : {};
  }
}
