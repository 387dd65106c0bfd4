import { Controller, NotFoundException } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { SurveyLink } from '@ticketing/contracts';
import { CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { FeedbackSurveyLinks } from './survey-links.provider';

@Controller()
export class SurveysGrpcController {
  constructor(private readonly links: FeedbackSurveyLinks) {}

  @GrpcMethod('FeedbackService', 'GetSurveyLink')
  @Roles('supervisor')
  async link(@Payload() request: { ticketId?: string; surveyId?: string }, @CurrentPrincipal() principal: Principal): Promise<SurveyLink> {
    const problems = [];
    if (!request.ticketId) problems.push({ field: 'ticketId', message: 'is required' });
    if ((request.surveyId ?? '').length > 200) problems.push({ field: 'surveyId', message: 'must be at most 200 characters' });
    if (problems.length > 0) throw new InputValidationError(problems);
    const link = await this.links.linkOf(principal.tenantId, request.ticketId!, request.surveyId || null);
    if (!link) throw new NotFoundException(`ticket ${request.ticketId} has no current survey${request.surveyId ? ` ${request.surveyId}` : ''}`);
    return link;
  }
}
