import type { ServiceDescriptor } from '@ticketing/platform';
import { KnowledgeModule } from './knowledge.module';

export const knowledgeService: ServiceDescriptor = {
  name: 'knowledge',
  module: KnowledgeModule,
  entities: [],
  projections: [],
};
