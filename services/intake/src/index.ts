import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { classificationEntities, classificationProjections } from './classification/classification.module';
import { customerEntities, customerProjections } from './customers/customers.module';
import { IntakeModule } from './intake.module';
import { channelEntities, channelProjections } from './submission/channels.providers';
import { ticketListProjection } from './ticket-list/ticket-list.projection';
import { TicketSummary } from './ticket-list/ticket-summary.entity';

export const intakeService: ServiceDescriptor = {
  name: 'intake',
  module: IntakeModule,
  grpc: { packageName: 'ticketing.intake.v1', protoPath: protoPath('intake') },
  entities: [TicketSummary, ...classificationEntities, ...channelEntities, ...customerEntities],
  projections: [ticketListProjection, ...classificationProjections, ...channelProjections, ...customerProjections],
};
export { HttpSurveyLinks } from './survey-links/survey-link.adapters';
