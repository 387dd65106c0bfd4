import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { SatisfactionService, type SatisfactionView } from './satisfaction.service';

class GetSatisfactionMessage {
  @IsUUID()
  ticketId!: string;
}

@ApiTags('feedback')
@Controller('tickets/:ticketId/satisfaction')
export class SatisfactionHttpController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Get()
  @Roles('agent', 'supervisor', 'analyst')
  @ApiOperation({ summary: "The ticket's survey and rating" })
  get(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @CurrentPrincipal() principal: Principal): Promise<SatisfactionView> {
    return this.satisfaction.forTicket(ticketId, principal.tenantId);
  }
}

@Controller()
export class SatisfactionGrpcController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @GrpcMethod('FeedbackService', 'GetSatisfaction')
  @Roles('agent', 'supervisor', 'analyst')
  async get(@Payload() request: GetSatisfactionMessage, @CurrentPrincipal() principal: Principal) {
    const view = await this.satisfaction.forTicket(request.ticketId, principal.tenantId);
    return { ticketId: view.ticketId, surveySent: view.surveySent, rating: view.rating ?? 0, comment: '' };
  }
}
