import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClassificationModule } from './classification/classification.module';
import { CustomersModule } from './customers/customers.module';
import { channelControllers, channelEntities, channelProviders } from './submission/channels.providers';
import { SurveyLinks } from './survey-links/survey-link.adapters';
import { TicketSummary } from './ticket-list/ticket-summary.entity';
import { TicketListService } from './ticket-list/ticket-list.service';
import { TicketsGrpcController } from './tickets.grpc.controller';
import { TicketsHttpController } from './tickets.http.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [TypeOrmModule.forFeature([TicketSummary, ...channelEntities]), ClassificationModule, CustomersModule],
  controllers: [TicketsHttpController, TicketsGrpcController, ...channelControllers],
  // SurveyLinks: feedback's signed survey links, in-process or over INTAKE_FEEDBACK_URL (validated at start-up).
  providers: [TicketsService, TicketListService, SurveyLinks, ...channelProviders],
})
export class IntakeModule {}
