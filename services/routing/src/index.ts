import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { agentRosterProjection } from './agent-roster/agent-roster.projection';
import { AgentRosterEntry } from './agent-roster/agent-roster.entity';
import { CapacityReservation } from './assignment/capacity-reservation.entity';
import { RoutingModule } from './routing.module';
import { RoutingSettingsRow } from './settings/routing-settings.entity';
import { routingSettingsProjection } from './settings/routing-settings.projection';
import { RoutingTicket } from './tickets/routing-ticket.entity';
import { routingTicketsProjection } from './tickets/routing-tickets.projection';
import { RoutingTimer } from './timers/routing-timer.entity';

export { RoutingEngine, ROUTING_CLOCK } from './engine/routing-engine';

export const routingService: ServiceDescriptor = {
  name: 'routing',
  module: RoutingModule,
  grpc: { packageName: 'ticketing.routing.v1', protoPath: protoPath('routing') },
  entities: [AgentRosterEntry, RoutingTicket, RoutingTimer, RoutingSettingsRow, CapacityReservation],
  projections: [routingSettingsProjection, agentRosterProjection, routingTicketsProjection],
};
