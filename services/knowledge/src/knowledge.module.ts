import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SELF_SERVICE_PORT } from '@ticketing/contracts';
import { KnowledgeSelfService } from './answering/self-service.provider';
import { ArticlesHttpController } from './authoring/articles.http.controller';
import { ArticlesService } from './authoring/articles.service';
import { ArticleRevisionView, ArticleView, IndexGeneration } from './publishing/article-view.entity';
import { ArticleSearchService } from './searching/article-search.service';
import { SearchHttpController } from './searching/search.http.controller';

export const KNOWLEDGE_ENTITIES = [ArticleView, ArticleRevisionView, IndexGeneration];

/** Articles (event-sourced), their read model, search and self-service answers. */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES)],
  controllers: [ArticlesHttpController, SearchHttpController],
  providers: [ArticlesService, ArticleSearchService, KnowledgeSelfService, { provide: SELF_SERVICE_PORT, useExisting: KnowledgeSelfService }],
  exports: [SELF_SERVICE_PORT],
})
export class KnowledgeModule {}
