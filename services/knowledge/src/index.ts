import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { knowledgeMacrosProjection, knowledgeTicketsProjection } from './assist/knowledge-tickets.projection';
import { KNOWLEDGE_ENTITIES, KnowledgeModule } from './knowledge.module';
import { articlesProjection } from './publishing/articles.projection';

export { PublishSweeper, KNOWLEDGE_CLOCK } from './scheduling/publish-sweeper';

export const knowledgeService: ServiceDescriptor = {
  name: 'knowledge',
  module: KnowledgeModule,
  grpc: { packageName: 'ticketing.knowledge.v1', protoPath: protoPath('knowledge') },
  entities: KNOWLEDGE_ENTITIES,
  projections: [articlesProjection, knowledgeTicketsProjection, knowledgeMacrosProjection],
};
