import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Matches } from 'class-validator';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { AgentAssistService } from '../assist/agent-assist.service';
import { LearningService } from '../learning/learning.service';
import { ProblemsQuery, SuggestionsQuery, WeakArticlesQuery } from './insights.requests';
import { WeakArticlesService, weakArticlesOptions } from './weak-articles.service';

class SuggestForTicketMessage extends SuggestionsQuery {
  @Matches(/^[\w.-]{1,200}$/, { message: 'ticketId must be 1-200 letters, digits, . _ -' })
  ticketId!: string;
}

const orEmpty = <T>(value: T | null) => value ?? '';

/** gRPC face of agent assist, top problems and weak articles (libs/contracts/proto/knowledge.proto). */
@Controller()
export class InsightsGrpcController {
  constructor(
    private readonly assist: AgentAssistService,
    private readonly learning: LearningService,
    private readonly weak: WeakArticlesService,
  ) {}

  @GrpcMethod('KnowledgeService', 'SuggestForTicket')
  @Roles('agent', 'supervisor')
  async suggestForTicket(@Payload() request: SuggestForTicketMessage, @CurrentPrincipal() principal: Principal) {
    const s = await this.assist.forTicket(principal.tenantId, request.ticketId, request.limit ?? 5);
    return { ...s, category: orEmpty(s.category), macros: s.macros.map((m) => ({ ...m, category: orEmpty(m.category) })) };
  }

  @GrpcMethod('KnowledgeService', 'ListWeakArticles')
  @Roles('supervisor', 'analyst')
  async listWeakArticles(@Payload() request: WeakArticlesQuery, @CurrentPrincipal() principal: Principal) {
    const { articles, unanswered, noAnswerQueries } = await this.weak.list(principal.tenantId, weakArticlesOptions(request));
    return { articles, unanswered: unanswered.map(problemMessage), noAnswerQueries };
  }

  @GrpcMethod('KnowledgeService', 'TopProblems')
  @Roles('supervisor', 'analyst')
  async topProblems(@Payload() request: ProblemsQuery, @CurrentPrincipal() principal: Principal) {
    const report = await this.learning.topProblems(principal.tenantId, this.learning.period(request.from, request.to), { limit: request.limit });
    return { ...report, problems: report.problems.map(problemMessage) };
  }
}

function problemMessage(p: Awaited<ReturnType<LearningService['topProblems']>>['problems'][number]) {
  return { ...p, bestArticleId: orEmpty(p.bestArticleId), proposedArticleId: orEmpty(p.proposedArticleId) };
}
