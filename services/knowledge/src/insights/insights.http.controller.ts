import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { AgentAssistService, type TicketSuggestions } from '../assist/agent-assist.service';
import { LearningService, type ProblemsReport, type Proposal } from '../learning/learning.service';
import { LearnRequest, ProblemsQuery, SuggestionsQuery, WeakArticlesQuery } from './insights.requests';
import { WeakArticlesService, weakArticlesOptions } from './weak-articles.service';

/** Agent assist, top problems, learned drafts and weak articles; all scoped to the caller's tenant. */
@ApiTags('knowledge')
@Controller('knowledge')
export class InsightsHttpController {
  constructor(
    private readonly assist: AgentAssistService,
    private readonly learning: LearningService,
    private readonly weak: WeakArticlesService,
  ) {}

  @Get('tickets/:ticketId/suggestions')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Agent assist: articles and macros ranked for the ticket’s text and category' })
  suggestions(@Param('ticketId') ticketId: string, @Query() query: SuggestionsQuery, @CurrentPrincipal() principal: Principal): Promise<TicketSuggestions> {
    if (!/^[\w.-]{1,200}$/.test(ticketId)) throw new InputValidationError([{ field: 'ticketId', message: 'must be 1-200 letters, digits, . _ -' }]);
    return this.assist.forTicket(principal.tenantId, ticketId, query.limit ?? 5);
  }

  @Get('problems')
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: 'Top problems of a period: resolved tickets grouped by similarity within a category, with the previous period for trends' })
  problems(@Query() query: ProblemsQuery, @CurrentPrincipal() principal: Principal): Promise<ProblemsReport> {
    return this.learning.topProblems(principal.tenantId, this.learning.period(query.from, query.to), { limit: query.limit, minCount: query.minCount });
  }

  @Post('learning/run')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Propose draft articles (for review) for frequent problems no article answers' })
  async learn(@Body() request: LearnRequest, @CurrentPrincipal() principal: Principal): Promise<{ proposals: Proposal[] }> {
    return { proposals: await this.learning.learn(principal.tenantId, this.learning.period(request.from, request.to), request.minFrequency) };
  }

  @Get('weak-articles')
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: 'Articles readers find unhelpful (enough votes, low helpful ratio) and frequent problems without a good article' })
  weakArticles(@Query() query: WeakArticlesQuery, @CurrentPrincipal() principal: Principal) {
    return this.weak.list(principal.tenantId, weakArticlesOptions(query));
  }
}
