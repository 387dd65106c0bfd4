import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, parseIfMatch, Roles, type Principal } from '@ticketing/platform';
import type { Response } from 'express';
import { ARTICLE_ID, DraftArticleRequest, FeedbackRequest, RetireRequest, ReviewNoteRequest, ReviseArticleRequest, ScheduleRequest } from './article.requests';
import type { ArticleCommand } from './article.decider';
import { articleIdFor, ArticlesService, type ArticleCommandResult } from './articles.service';

type CommandOf<T extends ArticleCommand['type']> = Extract<ArticleCommand, { type: T }>;

/** Authoring and review of knowledge articles. ETag = stream revision; send If-Match to change only what you saw. */
@ApiTags('knowledge')
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the change is based on; 409 if the article changed since' })
@Controller('articles')
export class ArticlesHttpController {
  constructor(private readonly articles: ArticlesService) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Draft a new article (revision 1); Idempotency-Key makes a retry land on the same article' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async draft(
    @Body() request: DraftArticleRequest,
    @CommandContext() metadata: CommandMetadata,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ArticleCommandResult> {
    checkIdempotencyKey(idempotencyKey);
    const articleId = request.articleId ?? articleIdFor(metadata.tenantId, idempotencyKey);
    const { locale, translationOf, title, body, category, tags, audience } = request;
    const command: CommandOf<'DraftArticle'> = {
      type: 'DraftArticle',
      metadata,
      data: { articleId, locale, translationOf: translationOf ?? null, origin: 'authored', sourceTicketIds: [], content: { title, body, category, tags: tags ?? [], audience } },
    };
    // A retry with the same key finds the article it created: answer with it instead of a conflict.
    if (idempotencyKey !== undefined) {
      const existing = await this.articles.load(metadata.tenantId, articleId).catch(() => null);
      if (existing) return this.respond(response.status(200), { articleId, revision: existing.revision, status: existing.state.status, articleRevision: existing.state.revisions.length });
    }
    return this.respond(response.location(`/articles/${articleId}`), await this.articles.run(articleId, command));
  }

  @Get(':articleId')
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: 'An article: every revision, who approved which, lifecycle and feedback; ?asOfRevision shows it as it was' })
  @ApiQuery({ name: 'asOfRevision', required: false, type: Number })
  async get(
    @Param('articleId') articleId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
    @Query('asOfRevision') asOfRevision?: string,
  ) {
    const until = asOfRevision === undefined ? undefined : nonNegative('asOfRevision', asOfRevision);
    const { state, revision } = await this.articles.load(principal.tenantId, checkedId(articleId), until);
    response.setHeader('ETag', `"${revision}"`);
    return { ...state, articleId, revision, exists: undefined, history: await this.articles.history(principal.tenantId, articleId) };
  }

  @Get(':articleId/diff')
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: 'Unified diff between two article revisions (?from=1&to=2)' })
  @ApiQuery({ name: 'from', type: Number })
  @ApiQuery({ name: 'to', type: Number })
  async diff(@Param('articleId') articleId: string, @CurrentPrincipal() principal: Principal, @Query('from') from?: string, @Query('to') to?: string) {
    // Existence (and tenant) first: another tenant's article is a 404 whatever the query says.
    await this.articles.load(principal.tenantId, checkedId(articleId));
    return this.articles.diff(principal.tenantId, articleId, positive('from', from), positive('to', to));
  }

  @Put(':articleId')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Write a new revision (the published one stays live until this one is published)' })
  revise(@Param('articleId') articleId: string, @Body() request: ReviseArticleRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    const { title, body, category, tags, audience, reason } = request;
    return this.act(response, articleId, { type: 'ReviseArticle', metadata, data: { content: { title, body, category, tags: tags ?? [], audience }, reason: reason ?? '' } }, ifMatch);
  }

  @Post(':articleId/submit')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: 'Ask for review of the current revision (draft → in_review)' })
  submit(@Param('articleId') articleId: string, @Body() request: ReviewNoteRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'SubmitForReview', metadata, data: { note: request.note ?? '' } }, ifMatch);
  }

  @Post(':articleId/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve the revision under review (not its own author)' })
  approve(@Param('articleId') articleId: string, @Body() request: ReviewNoteRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'ApproveArticle', metadata, data: { note: request.note ?? '' } }, ifMatch);
  }

  @Post(':articleId/request-changes')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Send the revision under review back to its author' })
  requestChanges(@Param('articleId') articleId: string, @Body() request: ReviewNoteRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'RequestChanges', metadata, data: { note: request.note ?? '' } }, ifMatch);
  }

  @Post(':articleId/publish')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Publish the approved revision (from in_review: approve and publish)' })
  publish(@Param('articleId') articleId: string, @Body() request: ReviewNoteRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'PublishArticle', metadata, data: { note: request.note ?? '' } }, ifMatch);
  }

  @Post(':articleId/schedule')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Publish the approved revision at a future time' })
  schedule(@Param('articleId') articleId: string, @Body() request: ScheduleRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'SchedulePublishing', metadata, data: { publishAt: new Date(request.publishAt).toISOString() } }, ifMatch);
  }

  @Post(':articleId/retire')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Withdraw the article (history stays)' })
  retire(@Param('articleId') articleId: string, @Body() request: RetireRequest, @CommandContext() metadata: CommandMetadata, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) response: Response) {
    return this.act(response, articleId, { type: 'RetireArticle', metadata, data: { reason: request.reason } }, ifMatch);
  }

  @Post(':articleId/feedback')
  @HttpCode(201)
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: 'Mark the published article helpful or not (feeds ranking, flags weak articles)' })
  feedback(@Param('articleId') articleId: string, @Body() request: FeedbackRequest, @CommandContext() metadata: CommandMetadata, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const source = principal.role === 'customer' ? 'customer' : 'agent';
    return this.act(response, articleId, { type: 'RecordFeedback', metadata, data: { helpful: request.helpful, source, ticketId: request.ticketId ?? null, comment: request.comment ?? null, offerId: null } }, undefined);
  }

  private async act(response: Response, articleId: string, command: ArticleCommand, ifMatch: string | undefined): Promise<ArticleCommandResult> {
    return this.respond(response, await this.articles.run(checkedId(articleId), command, parseIfMatch(ifMatch)));
  }

  private respond(response: Response, result: ArticleCommandResult): ArticleCommandResult {
    response.setHeader('ETag', `"${result.revision}"`);
    return result;
  }
}

export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new InputValidationError([{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
}

function checkedId(articleId: string): string {
  if (!ARTICLE_ID.test(articleId)) throw new InputValidationError([{ field: 'articleId', message: 'must be 1-200 letters, digits, . _ -' }]);
  return articleId;
}

function nonNegative(field: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputValidationError([{ field, message: 'must be a non-negative integer' }]);
  return n;
}

function positive(field: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new InputValidationError([{ field, message: 'must be a revision number (1, 2, …)' }]);
  return n;
}
