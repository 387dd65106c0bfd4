import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
  providers: [ArticlesService, ArticleSearchService],
})
export class KnowledgeModule {}
