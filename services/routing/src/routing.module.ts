import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentRosterEntry } from './agent-roster/agent-roster.entity';
import { TicketAssignment } from './agent-roster/ticket-assignment.entity';
import { AgentsGrpcController } from './agents/agents.grpc.controller';
import { AgentsHttpController } from './agents/agents.http.controller';
import { AgentsService } from './agents/agents.service';
import { AssignOnOpenPolicy } from './assignment/assign-on-open.policy';

@Module({
  imports: [TypeOrmModule.forFeature([AgentRosterEntry, TicketAssignment])],
  controllers: [AgentsHttpController, AgentsGrpcController],
  providers: [AgentsService, AssignOnOpenPolicy],
})
export class RoutingModule {}
