import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { FeedbackModule } from './feedback.module';

export const feedbackService: ServiceDescriptor = {
  name: 'feedback',
  module: FeedbackModule,
  grpc: { packageName: 'ticketing.feedback.v1', protoPath: protoPath('feedback') },
  entities: [],
  projections: [],
};
