import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { UuidParam } from '../http-action';
import { NotificationsService, type NotificationView } from './notifications.service';

/** The caller's notifications inbox: escalations of overdue tasks and promises, routing's SLA notices. */
@ApiTags('resolution')
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('agent', 'supervisor')
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiOperation({ summary: 'Notices for the caller (to them, or to every supervisor when they are one), newest first' })
  async inbox(@CurrentPrincipal() principal: Principal, @Query('unread') unread?: string): Promise<{ notifications: NotificationView[] }> {
    if (unread !== undefined && unread !== 'true' && unread !== 'false') throw new InputValidationError([{ field: 'unread', message: 'must be true or false' }]);
    return { notifications: await this.notifications.inbox(principal, unread === 'true') };
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiParam({ name: 'notificationId', format: 'uuid' })
  @ApiOperation({ summary: 'Mark a notice read (for the caller only)' })
  read(@UuidParam('notificationId') notificationId: string, @CurrentPrincipal() principal: Principal, @CommandContext() metadata: CommandMetadata) {
    return this.notifications.markRead(principal, notificationId, metadata);
  }
}
