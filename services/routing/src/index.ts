import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { agentRosterProjection } from './agent-roster/agent-roster.projection';
import { AgentRosterEntry } from './agent-roster/agent-roster.entity';
import { TicketAssignment } from './agent-roster/ticket-assignment.entity';
import { RoutingModule } from './routing.module';

export const routingService: ServiceDescriptor = {
  name: 'routing',
  module: RoutingModule,
  grpc: { packageName: 'ticketing.routing.v1', protoPath: protoPath('routing') },
  entities: [AgentRosterEntry, TicketAssignment],
  projections: [agentRosterProjection],
};
