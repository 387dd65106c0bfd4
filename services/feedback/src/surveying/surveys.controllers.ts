import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata, SurveyLink } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Public, Roles, type Principal } from '@ticketing/platform';
import { v7 as uuidv7 } from 'uuid';
import { ChannelAnswerRequest, LinkAnswerRequest, SendSurveyRequest, answerOf } from './survey.requests';
import { FeedbackSurveyLinks } from './survey-links.provider';
import { SurveysService, type SentSurvey, type SurveyLinkView } from './surveys.service';

@ApiTags('feedback')
@Controller()
export class SurveysHttpController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly links: FeedbackSurveyLinks,
  ) {}

  @Get('tickets/:ticketId/survey/link')
  @Roles('supervisor')
  @ApiOperation({ summary: "The signed link of the ticket's current survey (intake asks for it when it delivers the survey); `surveyId` names the survey expected" })
  @ApiQuery({ name: 'surveyId', required: false })
  async link(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Query('surveyId') surveyId: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SurveyLink> {
    if (surveyId !== undefined && (surveyId.length === 0 || surveyId.length > 200)) {
      throw new InputValidationError([{ field: 'surveyId', message: 'surveyId must be 1-200 characters' }]);
    }
    const link = await this.links.linkOf(principal.tenantId, ticketId, surveyId ?? null);
    if (!link) throw new NotFoundException(`ticket ${ticketId} has no current survey${surveyId ? ` ${surveyId}` : ''}`);
    return link;
  }

  @Get('surveys/answers')
  @Public()
  @ApiOperation({ summary: 'What a signed survey link shows: the survey, its deadline, whether it was answered (forged 403, expired 410)' })
  view(@Query('token') token: string | undefined): Promise<SurveyLinkView> {
    if (!token || token.length > 2_000) throw new InputValidationError([{ field: 'token', message: 'token is required (at most 2000 characters)' }]);
    return this.surveys.view(token);
  }

  @Post('tickets/:ticketId/survey')
  @HttpCode(201)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Send the survey of a resolved ticket now (once per resolution); returns the signed link token' })
  send(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: SendSurveyRequest,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<SentSurvey> {
    return this.surveys.send(ticketId, metadata, { channel: request.channel });
  }

  @Post('tickets/:ticketId/survey/answers')
  @HttpCode(201)
  @Roles('customer')
  @ApiOperation({ summary: "The customer's answer through the ticket's channel (once per survey, before its deadline)" })
  async answer(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: ChannelAnswerRequest,
    @CommandContext() metadata: CommandMetadata,
  ): Promise<{ ticketId: string; surveyId: string }> {
    await this.surveys.answer(ticketId, request.surveyId, answerOf(request), metadata);
    return { ticketId, surveyId: request.surveyId };
  }

  @Post('surveys/answers')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Answer through a signed survey link (no account needed; forged or expired links are refused)' })
  answerByLink(@Body() request: LinkAnswerRequest, @Req() http: { id?: string }): Promise<{ ticketId: string; surveyId: string }> {
    return this.surveys.answerByLink(request.token, answerOf(request), typeof http.id === 'string' ? http.id : uuidv7());
  }
}
