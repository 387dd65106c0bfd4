import type { ServiceDescriptor } from '@ticketing/platform';
import { KNOWLEDGE_ENTITIES, KnowledgeModule } from './knowledge.module';
import { articlesProjection } from './publishing/articles.projection';

export const knowledgeService: ServiceDescriptor = {
  name: 'knowledge',
  module: KnowledgeModule,
  entities: KNOWLEDGE_ENTITIES,
  projections: [articlesProjection],
};
