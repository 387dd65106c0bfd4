import { Controller, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, InputValidationError, Roles } from '@ticketing/platform';
import type { Request, Response } from 'express';
import { EmailIntakeService, type EmailIntakeResult } from './email-intake.service';
import { MAX_RAW_EMAIL_BYTES } from './parse-email';

const RAW_TYPES = /^(message\/rfc822|application\/octet-stream|text\/plain)\b/i;

/** Reads the raw request body, refusing it as soon as it passes the limit (nothing is buffered beyond it). */
export function readRawBody(request: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new HttpException({ message: `body must not exceed ${limit} bytes`, problem: { errors: [{ field: 'body', message: `must not exceed ${limit} bytes` }] } }, 413));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

@ApiTags('intake')
@Controller('channels/email')
export class EmailHttpController {
  constructor(private readonly email: EmailIntakeService) {}

  @Post('inbound')
  @Roles('customer', 'supervisor')
  @ApiOperation({
    summary: 'A raw RFC 5322/MIME message as mail providers post it: 201 new ticket, 200 threaded or a retry, 202 auto-reply/bounce (no ticket)',
  })
  @ApiConsumes('message/rfc822')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async inbound(@Req() request: Request, @CommandContext() metadata: CommandMetadata, @Res({ passthrough: true }) response: Response): Promise<EmailIntakeResult> {
    const type = request.headers['content-type'] ?? '';
    if (!RAW_TYPES.test(type)) {
      throw new InputValidationError([{ field: 'Content-Type', message: 'must be message/rfc822 (the raw message as the body)' }]);
    }
    const raw = await readRawBody(request, MAX_RAW_EMAIL_BYTES);
    const result = await this.email.ingest(raw, metadata);
    if (!result.accepted) response.status(202);
    else response.status(result.outcome === 'opened' || result.outcome === 'follow_up_opened' ? 201 : 200).location(`/tickets/${result.ticketId}`);
    return result;
  }
}
