import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CollaborationsHttpController } from './collaborating/collaborations.http.controller';
import { COMPENSATION_GATEWAY, gatewayFromEnv } from './compensating/compensation-gateway';
import { CompensationIssuer } from './compensating/compensation-issuer';
import { CompensationsHttpController } from './compensating/compensations.http.controller';
import { MacrosHttpController } from './macros/macros.http.controller';
import { MacrosService } from './macros/macros.service';
import { TicketActionsGrpcController } from './replying/ticket-actions.grpc.controller';
import { TicketActionsHttpController } from './replying/ticket-actions.http.controller';
import { MergeCompletion } from './resolving/merge-completion';
import { ResolvingHttpController } from './resolving/resolving.http.controller';
import { ResolutionConfigService } from './settings/resolution-config.service';
import { SettingsHttpController } from './settings/settings.http.controller';
import { TicketActionsService } from './ticket-actions.service';
import { TimelineEntry } from './timeline/timeline-entry.entity';
import { TimelineHttpController } from './timeline/timeline.http.controller';
import { TimelineService } from './timeline/timeline.service';
import { ResolutionTimers } from './timers/resolution-timers';
import { WorkItem } from './work-list/work-item.entity';
import { WorkListHttpController } from './work-list/work-list.http.controller';
import { WorkListService } from './work-list/work-list.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkItem, TimelineEntry])],
  controllers: [
    TicketActionsHttpController,
    TicketActionsGrpcController,
    CollaborationsHttpController,
    CompensationsHttpController,
    ResolvingHttpController,
    MacrosHttpController,
    SettingsHttpController,
    WorkListHttpController,
    TimelineHttpController,
  ],
  providers: [
    CompensationsHttpController,
    TicketActionsService,
    ResolutionConfigService,
    MacrosService,
    WorkListService,
    TimelineService,
    MergeCompletion,
    CompensationIssuer,
    ResolutionTimers,
    { provide: COMPENSATION_GATEWAY, useFactory: () => gatewayFromEnv() },
  ],
  exports: [ResolutionTimers, CompensationIssuer],
})
export class ResolutionModule {}
