import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { orEmpty } from '../grpc-messages';
import { NotificationsService } from './notifications.service';

class InboxMessage {
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}
class ReadMessage {
  @IsUUID()
  notificationId!: string;
}

/** The notifications inbox over gRPC. */
@Controller()
export class NotificationsGrpcController {
  constructor(private readonly notifications: NotificationsService) {}

  @GrpcMethod('ResolutionService', 'ListNotifications')
  @Roles('agent', 'supervisor')
  async inbox(@Payload() m: InboxMessage, @CurrentPrincipal() principal: Principal) {
    const notifications = await this.notifications.inbox(principal, m.unreadOnly ?? false);
    return { notifications: notifications.map((n) => ({ ...n, target: orEmpty(n.target), recipientId: orEmpty(n.recipientId), readAt: orEmpty(n.readAt) })) };
  }

  @GrpcMethod('ResolutionService', 'MarkNotificationRead')
  @Roles('agent', 'supervisor')
  read(@Payload() m: ReadMessage, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    return this.notifications.markRead(principal, m.notificationId, metadata);
  }
}
