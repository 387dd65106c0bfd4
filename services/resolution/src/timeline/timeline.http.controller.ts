import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { TimelineService } from './timeline.service';

@ApiTags('resolution')
@Controller('tickets/:ticketId/timeline')
export class TimelineHttpController {
  constructor(private readonly timelines: TimelineService) {}

  @Get()
  @Roles('customer', 'agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "The ticket's timeline (messages, replies, notes, tasks, compensation, SLA; actor and time); customers see only what was said to them" })
  timeline(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @CurrentPrincipal() principal: Principal) {
    return this.timelines.timeline(ticketId, principal);
  }
}
