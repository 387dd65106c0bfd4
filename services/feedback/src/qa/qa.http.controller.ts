import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { QaReviewRequest, QaSampleQuery, QaScorecardRequest, scorecardOf } from './qa.requests';
import { QaService } from './qa.service';

/** QA reviews; reviewers are supervisors (and admins). */
@ApiTags('feedback')
@Controller('qa')
export class QaHttpController {
  constructor(private readonly qa: QaService) {}

  @Get('scorecard')
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: "The tenant's QA scorecard (weighted criteria), sampling share and coaching rule" })
  scorecard(@CurrentPrincipal() principal: Principal) {
    return this.qa.scorecard(principal.tenantId);
  }

  @Put('scorecard')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Replace the scorecard (recorded as QaScorecardDefined with who and why)' })
  define(@Body() request: QaScorecardRequest, @CommandContext() metadata: CommandMetadata) {
    return this.qa.defineScorecard(scorecardOf(request), request.reason, metadata);
  }

  @Get('sample')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Tickets sampled for review (random share stratified by agent, every complaint, every low rating)' })
  async sample(@Query() query: QaSampleQuery, @CurrentPrincipal() principal: Principal) {
    return { items: await this.qa.sample(principal.tenantId, query) };
  }

  @Post('reviews')
  @HttpCode(201)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Score a sampled ticket against the scorecard (once); the result attaches to its agent' })
  review(@Body() request: QaReviewRequest, @CommandContext() metadata: CommandMetadata) {
    return this.qa.review(request.ticketId, request.scores.map(({ criterionId, score }) => ({ criterionId, score })), request.comment ?? null, metadata);
  }

  @Get('agents/:agentId')
  @Roles('supervisor')
  @ApiOperation({ summary: "An agent's QA results: reviews, average score, coaching flags" })
  agent(@Param('agentId') agentId: string, @CurrentPrincipal() principal: Principal) {
    return this.qa.agent(principal.tenantId, agentId);
  }

  @Get('coaching')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Agents flagged for coaching (average below the threshold over the period)' })
  async coaching(@CurrentPrincipal() principal: Principal) {
    return { flags: await this.qa.coaching(principal.tenantId) };
  }
}
