import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CollaborationActions } from './collaborating/collaboration.actions';
import { CollaborationsGrpcController } from './collaborating/collaborations.grpc.controller';
import { CollaborationsHttpController } from './collaborating/collaborations.http.controller';
import { CompensationActions } from './compensating/compensation.actions';
import { COMPENSATION_GATEWAY, gatewayFromEnv } from './compensating/compensation-gateway';
import { CompensationIssuer } from './compensating/compensation-issuer';
import { CompensationsGrpcController } from './compensating/compensations.grpc.controller';
import { CompensationsHttpController } from './compensating/compensations.http.controller';
import { MacrosGrpcController } from './macros/macros.grpc.controller';
import { MacrosHttpController } from './macros/macros.http.controller';
import { MacrosService } from './macros/macros.service';
import { EscalationNotifier } from './notifications/escalation-notifier';
import { Notification, NotificationRead } from './notifications/notification.entity';
import { NotificationsGrpcController } from './notifications/notifications.grpc.controller';
import { NotificationsHttpController } from './notifications/notifications.http.controller';
import { NotificationsService } from './notifications/notifications.service';
import { ORDER_LOOKUP, orderLookupFromEnv } from './orders/order-lookup';
import { ReplyActions } from './replying/reply.actions';
import { TicketActionsGrpcController } from './replying/ticket-actions.grpc.controller';
import { TicketActionsHttpController } from './replying/ticket-actions.http.controller';
import { MergeCompletion } from './resolving/merge-completion';
import { ResolvingActions } from './resolving/resolving.actions';
import { ResolvingGrpcController } from './resolving/resolving.grpc.controller';
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
  imports: [TypeOrmModule.forFeature([WorkItem, TimelineEntry, Notification, NotificationRead])],
  controllers: [
    TicketActionsHttpController,
    TicketActionsGrpcController,
    CollaborationsHttpController,
    CollaborationsGrpcController,
    CompensationsHttpController,
    CompensationsGrpcController,
    ResolvingHttpController,
    ResolvingGrpcController,
    MacrosHttpController,
    MacrosGrpcController,
    SettingsHttpController,
    WorkListHttpController,
    TimelineHttpController,
    NotificationsHttpController,
    NotificationsGrpcController,
  ],
  providers: [
    TicketActionsService,
    ReplyActions,
    CollaborationActions,
    CompensationActions,
    ResolvingActions,
    ResolutionConfigService,
    MacrosService,
    WorkListService,
    TimelineService,
    MergeCompletion,
    CompensationIssuer,
    ResolutionTimers,
    NotificationsService,
    EscalationNotifier,
    { provide: COMPENSATION_GATEWAY, useFactory: () => gatewayFromEnv() },
    { provide: ORDER_LOOKUP, useFactory: () => orderLookupFromEnv() },
  ],
  exports: [ResolutionTimers, CompensationIssuer],
})
export class ResolutionModule {}
