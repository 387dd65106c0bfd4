import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, InputValidationError, Roles } from '@ticketing/platform';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { messageFromSubmission, type SubmissionResult } from './customer-message';
import { SubmitMessageRequest } from './submit-message.request';
import { SubmissionService } from './submission.service';

export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new InputValidationError([{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
}

@ApiTags('intake')
@Controller('messages')
export class SubmissionHttpController {
  constructor(private readonly submissions: SubmissionService) {}

  @Post()
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({
    summary: 'A customer message on chat, app, social, web form or hotline: opens a ticket (201) or threads onto its conversation (200)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Identifies the message when it has no channelMessageId; a retry is not stored twice' })
  async submit(
    @Body() request: SubmitMessageRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionResult> {
    checkIdempotencyKey(idempotencyKey);
    const result = await this.submissions.submit(messageFromSubmission(request, idempotencyKey, uuidv7), metadata);
    response.status(result.outcome === 'opened' || result.outcome === 'follow_up_opened' ? 201 : 200).location(`/tickets/${result.ticketId}`);
    return result;
  }
}
