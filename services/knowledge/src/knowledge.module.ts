import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SELF_SERVICE_PORT } from '@ticketing/contracts';
import { SelfServiceFeedbackPolicy } from './answering/self-service-feedback.policy';
import { KnowledgeSelfService } from './answering/self-service.provider';
import { AgentAssistService } from './assist/agent-assist.service';
import { KnowledgeMacro, KnowledgeTicket, LearnedSource } from './assist/knowledge-ticket.entity';
import { ArticlesGrpcController } from './authoring/articles.grpc.controller';
import { ArticlesHttpController } from './authoring/articles.http.controller';
import { ArticlesService } from './authoring/articles.service';
import { ArticleImportHttpController } from './importing/article-import.http.controller';
import { ArticleImportService } from './importing/article-import.service';
import { InsightsGrpcController } from './insights/insights.grpc.controller';
import { InsightsHttpController } from './insights/insights.http.controller';
import { WeakArticlesService } from './insights/weak-articles.service';
import { LearningService } from './learning/learning.service';
import { ArticleRevisionView, ArticleView, IndexGeneration } from './publishing/article-view.entity';
import { PublishSweeper } from './scheduling/publish-sweeper';
import { ArticleSearchService } from './searching/article-search.service';
import { SearchGrpcController } from './searching/search.grpc.controller';
import { SearchHttpController } from './searching/search.http.controller';

export const KNOWLEDGE_ENTITIES = [ArticleView, ArticleRevisionView, IndexGeneration, KnowledgeTicket, KnowledgeMacro, LearnedSource];

/** Articles (event-sourced), their read model, search, self-service answers, agent assist and learning. */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES)],
  controllers: [
    ArticleImportHttpController,
    ArticlesHttpController,
    SearchHttpController,
    InsightsHttpController,
    ArticlesGrpcController,
    SearchGrpcController,
    InsightsGrpcController,
  ],
  providers: [
    ArticlesService,
    ArticleSearchService,
    ArticleImportService,
    KnowledgeSelfService,
    AgentAssistService,
    LearningService,
    WeakArticlesService,
    PublishSweeper,
    SelfServiceFeedbackPolicy,
    { provide: SELF_SERVICE_PORT, useExisting: KnowledgeSelfService },
  ],
  exports: [SELF_SERVICE_PORT],
})
export class KnowledgeModule {}
