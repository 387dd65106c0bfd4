import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, Public, Roles } from '@ticketing/platform';
import { v7 as uuidv7 } from 'uuid';
import { ChannelAnswerRequest, LinkAnswerRequest, SendSurveyRequest, answerOf } from './survey.requests';
import { SurveysService, type SentSurvey } from './surveys.service';

@ApiTags('feedback')
@Controller()
export class SurveysHttpController {
  constructor(private readonly surveys: SurveysService) {}

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
