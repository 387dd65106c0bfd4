import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, flattenValidationErrors, type Principal } from '@ticketing/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { QaReviewRequest, QaScorecardRequest, scorecardOf } from './qa.requests';
import { QaService, type QaItemView } from './qa.service';

async function validated<T extends object>(type: new () => T, payload: object): Promise<T> {
  const request = plainToInstance(type, payload);
  const problems = flattenValidationErrors(await validate(request));
  if (problems.length > 0) throw new InputValidationError(problems);
  return request;
}

const item = (i: QaItemView) => ({ ...i, reviewedAt: i.reviewedAt ?? '', reviewerId: i.reviewerId ?? '', totalScore: i.totalScore ?? 0, comment: i.comment ?? '' });

@Controller()
export class QaGrpcController {
  constructor(private readonly qa: QaService) {}

  @GrpcMethod('FeedbackService', 'GetQaScorecard')
  @Roles('supervisor', 'analyst')
  scorecard(@CurrentPrincipal() principal: Principal) {
    return this.qa.scorecard(principal.tenantId);
  }

  @GrpcMethod('FeedbackService', 'DefineQaScorecard')
  @Roles('supervisor')
  async define(@Payload() payload: object, @CommandContext() metadata: CommandMetadata) {
    // proto3 leaves out zeros: a 0 % share or threshold arrives as nothing.
    const request = await validated(QaScorecardRequest, { samplingPercent: 0, coachingThreshold: 0, ...payload });
    return this.qa.defineScorecard(scorecardOf(request), request.reason, metadata);
  }

  @GrpcMethod('FeedbackService', 'ListQaSample')
  @Roles('supervisor')
  async sample(@Payload() payload: { reviewed?: string; agentId?: string }, @CurrentPrincipal() principal: Principal) {
    if (payload.reviewed && !['true', 'false'].includes(payload.reviewed)) throw new InputValidationError([{ field: 'reviewed', message: "must be 'true', 'false' or empty" }]);
    const items = await this.qa.sample(principal.tenantId, { reviewed: payload.reviewed ? payload.reviewed === 'true' : undefined, agentId: payload.agentId || undefined });
    return { items: items.map(item) };
  }

  @GrpcMethod('FeedbackService', 'SubmitQaReview')
  @Roles('supervisor')
  async review(@Payload() payload: object, @CommandContext() metadata: CommandMetadata) {
    const request = await validated(QaReviewRequest, payload);
    return this.qa.review(request.ticketId, request.scores.map(({ criterionId, score }) => ({ criterionId, score })), request.comment || null, metadata);
  }

  @GrpcMethod('FeedbackService', 'GetAgentQa')
  @Roles('supervisor')
  async agent(@Payload() payload: { agentId: string }, @CurrentPrincipal() principal: Principal) {
    if (!payload.agentId) throw new InputValidationError([{ field: 'agentId', message: 'is required' }]);
    const result = await this.qa.agent(principal.tenantId, payload.agentId);
    return { ...result, reviews: result.reviews.map(item), averageScore: result.averageScore ?? 0, reviewed: result.reviews.length };
  }

  @GrpcMethod('FeedbackService', 'ListCoachingFlags')
  @Roles('supervisor')
  async coaching(@CurrentPrincipal() principal: Principal) {
    return { flags: await this.qa.coaching(principal.tenantId) };
  }
}
