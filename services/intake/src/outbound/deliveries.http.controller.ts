import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { DeliveriesService } from './deliveries.service';

@ApiTags('intake')
@Controller('tickets/:ticketId/deliveries')
export class DeliveriesHttpController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "Outbound messages of a ticket and how their delivery went (failed ones need the agent's attention)" })
  async list(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @CurrentPrincipal() principal: Principal) {
    return { deliveries: await this.deliveries.forTicket(principal.tenantId, ticketId) };
  }
}
