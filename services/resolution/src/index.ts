import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { ResolutionModule } from './resolution.module';

export const resolutionService: ServiceDescriptor = {
  name: 'resolution',
  module: ResolutionModule,
  grpc: { packageName: 'ticketing.resolution.v1', protoPath: protoPath('resolution') },
  entities: [],
  projections: [],
};
