import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { Request, Response } from 'express';
import { ArticleImportService, type ImportReport } from './article-import.service';
import { MAX_IMPORT_BYTES, MAX_IMPORT_LINES } from './import-line';

export class ImportRequest {
  @ApiPropertyOptional({ description: 'The JSONL text (or send the file itself as application/x-ndjson)', example: '{"externalId":"faq-1","locale":"en","title":"Refunds","body":"…","category":"refund"}' })
  @IsOptional()
  @IsString()
  jsonl?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['draft', 'in_review', 'approved', 'published', 'retired'] })
  @IsOptional()
  @IsIn(['draft', 'in_review', 'approved', 'published', 'retired'])
  status?: string;
}

@ApiTags('knowledge')
@Controller('knowledge/articles')
export class ArticleImportHttpController {
  constructor(private readonly imports: ArticleImportService) {}

  @Post('import')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Bulk import (JSONL, one article per line: externalId, locale, title, body, category, tags, audience, translationOf, publish). ' +
      'Good lines are imported, bad ones reported by line and field; re-importing the same file changes nothing.',
  })
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({ type: ImportRequest })
  async import(@Req() request: Request, @Body() body: ImportRequest | undefined, @CommandContext() metadata: CommandMetadata): Promise<ImportReport> {
    const text = typeof body?.jsonl === 'string' ? body.jsonl : await rawText(request);
    if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) throw new InputValidationError([{ field: 'jsonl', message: `must not exceed ${MAX_IMPORT_BYTES} bytes` }]);
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').length;
    if (lines === 0) throw new InputValidationError([{ field: 'jsonl', message: 'must contain at least one article line' }]);
    if (lines > MAX_IMPORT_LINES) throw new InputValidationError([{ field: 'jsonl', message: `must not exceed ${MAX_IMPORT_LINES} lines; split the file` }]);
    return this.imports.import(text, metadata);
  }

  @Get('export')
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: "The tenant's articles as JSONL in the import format (working revision; ?status= to filter)" })
  @ApiProduces('application/x-ndjson')
  async export(@Query() query: ExportQuery, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    response.status(200).type('application/x-ndjson');
    for await (const line of this.imports.export(principal.tenantId, { status: query.status })) response.write(`${JSON.stringify(line)}\n`);
    response.end();
  }
}

/** The request body when it is not JSON (application/x-ndjson): read here, bounded. */
async function rawText(request: Request): Promise<string> {
  if (request.readableEnded || request.complete) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMPORT_BYTES) throw new InputValidationError([{ field: 'jsonl', message: `must not exceed ${MAX_IMPORT_BYTES} bytes` }]);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
