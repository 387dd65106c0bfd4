import { Module } from '@nestjs/common';
import { TicketActionsGrpcController } from './ticket-actions.grpc.controller';
import { TicketActionsHttpController } from './ticket-actions.http.controller';
import { TicketActionsService } from './ticket-actions.service';

@Module({
  controllers: [TicketActionsHttpController, TicketActionsGrpcController],
  providers: [TicketActionsService],
})
export class ResolutionModule {}
