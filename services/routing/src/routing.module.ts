import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentRosterEntry } from './agent-roster/agent-roster.entity';
import { CapacityReservation } from './assignment/capacity-reservation.entity';
import { RoutingSettingsRow } from './settings/routing-settings.entity';
import { RoutingTicket } from './tickets/routing-ticket.entity';
import { RoutingTimer } from './timers/routing-timer.entity';
import { AgentsGrpcController } from './agents/agents.grpc.controller';
import { AgentsHttpController } from './agents/agents.http.controller';
import { AgentsService } from './agents/agents.service';
import { RoutingEngine } from './engine/routing-engine';
import { RoutingNotifier } from './notices/routing-notifier.policy';
import { RoutingGrpcController } from './queues/routing.grpc.controller';
import { RoutingHttpController } from './queues/routing.http.controller';
import { RoutingQueriesService } from './queues/routing-queries.service';
import { RoutingCommandsService } from './queues/routing-commands.service';

@Module({
  imports: [TypeOrmModule.forFeature([AgentRosterEntry, RoutingTicket, RoutingTimer, RoutingSettingsRow, CapacityReservation])],
  controllers: [AgentsHttpController, AgentsGrpcController, RoutingHttpController, RoutingGrpcController],
  providers: [AgentsService, RoutingEngine, RoutingNotifier, RoutingQueriesService, RoutingCommandsService],
})
export class RoutingModule {}
