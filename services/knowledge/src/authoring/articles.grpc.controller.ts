import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ARTICLE_LIMITS, ARTICLE_LOCALES, type ArticleLocale, type CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, parseIfMatch, Roles, type Principal } from '@ticketing/platform';
import type { ArticleCommand, ArticleState } from './article.decider';
import { ARTICLE_ID, ArticleContentRequest } from './article.requests';
import { articleIdFor, ArticlesService, type ArticleCommandResult } from './articles.service';
import { checkIdempotencyKey } from './articles.http.controller';

/* Messages of libs/contracts/proto/knowledge.proto, validated like the REST bodies. proto3 leaves
 * unset optional fields undefined (loader defaults: false), so @IsOptional sees them as absent. */

class ArticleRef {
  @Matches(ARTICLE_ID, { message: 'articleId must be 1-200 letters, digits, . _ -' })
  articleId!: string;

  /** The ETag the change is based on ("3" or 3), as HTTP If-Match. */
  @IsOptional()
  @IsString()
  ifMatch?: string;
}

class DraftArticleMessage {
  @IsOptional()
  @Matches(ARTICLE_ID, { message: 'articleId must be 1-200 letters, digits, . _ -' })
  articleId?: string;

  @IsIn(ARTICLE_LOCALES, { message: `locale must be one of ${ARTICLE_LOCALES.join(', ')}` })
  locale!: ArticleLocale;

  @IsOptional()
  @Matches(ARTICLE_ID, { message: 'translationOf must be an article id' })
  translationOf?: string;

  @ValidateNested()
  @Type(() => ArticleContentRequest)
  content!: ArticleContentRequest;

  @IsOptional()
  @IsString()
  idempotencyKey?: string;
}

class ReviseArticleMessage extends ArticleRef {
  @ValidateNested()
  @Type(() => ArticleContentRequest)
  content!: ArticleContentRequest;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  reason?: string;
}

class ReviewMessage extends ArticleRef {
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  note?: string;
}

class ScheduleMessage extends ArticleRef {
  @IsISO8601({ strict: true }, { message: 'publishAt must be an ISO-8601 timestamp' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'publishAt must carry a time zone (Z or ±hh:mm)' })
  publishAt!: string;
}

class RetireMessage extends ArticleRef {
  @IsString()
  @Length(1, ARTICLE_LIMITS.reason)
  reason!: string;
}

class FeedbackMessage extends ArticleRef {
  /** proto3 does not send `false` (the default): absent means not helpful. */
  @IsOptional()
  @IsBoolean()
  helpful?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  ticketId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  comment?: string;
}

const contentOf = (c: ArticleContentRequest) => ({ title: c.title, body: c.body, category: c.category, tags: c.tags ?? [], audience: c.audience });

/** gRPC face of the article lifecycle (same use cases and rules as ArticlesHttpController). */
@Controller()
export class ArticlesGrpcController {
  constructor(private readonly articles: ArticlesService) {}

  @GrpcMethod('KnowledgeService', 'DraftArticle')
  @Roles('agent', 'supervisor')
  async draftArticle(@Payload() request: DraftArticleMessage, @CommandContext() metadata: CommandMetadata): Promise<ArticleCommandResult> {
    checkIdempotencyKey(request.idempotencyKey);
    const articleId = request.articleId ?? articleIdFor(metadata.tenantId, request.idempotencyKey);
    if (request.idempotencyKey !== undefined) {
      const existing = await this.articles.load(metadata.tenantId, articleId).catch(() => null);
      if (existing) return { articleId, revision: existing.revision, status: existing.state.status, articleRevision: existing.state.revisions.length };
    }
    return this.articles.run(articleId, {
      type: 'DraftArticle',
      metadata,
      data: { articleId, locale: request.locale, translationOf: request.translationOf ?? null, origin: 'authored', sourceTicketIds: [], content: contentOf(request.content) },
    });
  }

  @GrpcMethod('KnowledgeService', 'ReviseArticle')
  @Roles('agent', 'supervisor')
  reviseArticle(@Payload() request: ReviseArticleMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'ReviseArticle', metadata, data: { content: contentOf(request.content), reason: request.reason ?? '' } });
  }

  @GrpcMethod('KnowledgeService', 'SubmitForReview')
  @Roles('agent', 'supervisor')
  submitForReview(@Payload() request: ReviewMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'SubmitForReview', metadata, data: { note: request.note ?? '' } });
  }

  @GrpcMethod('KnowledgeService', 'RequestChanges')
  @Roles('supervisor')
  requestChanges(@Payload() request: ReviewMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'RequestChanges', metadata, data: { note: request.note ?? '' } });
  }

  @GrpcMethod('KnowledgeService', 'ApproveArticle')
  @Roles('supervisor')
  approveArticle(@Payload() request: ReviewMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'ApproveArticle', metadata, data: { note: request.note ?? '' } });
  }

  @GrpcMethod('KnowledgeService', 'PublishArticle')
  @Roles('supervisor')
  publishArticle(@Payload() request: ReviewMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'PublishArticle', metadata, data: { note: request.note ?? '' } });
  }

  @GrpcMethod('KnowledgeService', 'SchedulePublishing')
  @Roles('supervisor')
  schedulePublishing(@Payload() request: ScheduleMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'SchedulePublishing', metadata, data: { publishAt: new Date(request.publishAt).toISOString() } });
  }

  @GrpcMethod('KnowledgeService', 'RetireArticle')
  @Roles('supervisor')
  retireArticle(@Payload() request: RetireMessage, @CommandContext() metadata: CommandMetadata) {
    return this.act(request, { type: 'RetireArticle', metadata, data: { reason: request.reason } });
  }

  @GrpcMethod('KnowledgeService', 'RecordFeedback')
  @Roles('customer', 'agent', 'supervisor')
  recordFeedback(@Payload() request: FeedbackMessage, @CommandContext() metadata: CommandMetadata, @CurrentPrincipal() principal: Principal) {
    const source = principal.role === 'customer' ? 'customer' : 'agent';
    const { ticketId, comment } = request;
    const helpful = request.helpful ?? false;
    return this.act({ articleId: request.articleId }, { type: 'RecordFeedback', metadata, data: { helpful, source, ticketId: ticketId ?? null, comment: comment ?? null, offerId: null } });
  }

  @GrpcMethod('KnowledgeService', 'GetArticle')
  @Roles('agent', 'supervisor', 'analyst')
  async getArticle(@Payload() request: ArticleRef, @CurrentPrincipal() principal: Principal) {
    const { state, revision } = await this.articles.load(principal.tenantId, request.articleId);
    return detailsOf(request.articleId, state, revision);
  }

  private act(ref: ArticleRef, command: ArticleCommand): Promise<ArticleCommandResult> {
    return this.articles.run(ref.articleId, command, parseIfMatch(ref.ifMatch));
  }
}

function detailsOf(articleId: string, state: ArticleState, revision: number) {
  return {
    articleId,
    revision,
    status: state.status,
    locale: state.locale ?? '',
    translationOf: state.translationOf ?? '',
    origin: state.origin ?? '',
    publishedRevision: state.publishedRevision ?? 0,
    revisions: state.revisions.map((r) => ({
      revision: r.revision,
      content: { title: r.title, body: r.body, category: r.category, tags: r.tags, audience: r.audience },
      authorId: r.author.id,
      at: r.at,
      reason: r.reason,
    })),
    approvals: state.approvals,
    scheduledPublishAt: state.scheduled?.publishAt ?? '',
    helpful: state.helpful,
    notHelpful: state.notHelpful,
  };
}
