import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { OpenTicketRequest } from './opening-ticket/open-ticket.request';
import { TicketsService, type TicketDetails } from './tickets.service';

/** proto3 sends '' for unset strings; optional fields are cleaned to undefined before validation. */
class OpenTicketMessage extends OpenTicketRequest {
  @IsOptional()
  @IsString()
  @Length(1, 255)
  idempotencyKey?: string;
}

class GetTicketMessage {
  @IsUUID()
  ticketId!: string;
}

/** gRPC face of intake (libs/contracts/proto/intake.proto). */
@Controller()
export class TicketsGrpcController {
  constructor(private readonly tickets: TicketsService) {}

  @GrpcMethod('IntakeService', 'OpenTicket')
  @Roles('customer', 'agent', 'supervisor')
  async openTicket(@Payload() request: OpenTicketMessage, @CommandContext() metadata: CommandMetadata) {
    const { idempotencyKey, ...submission } = request;
    const { ticket } = await this.tickets.open(submission as OpenTicketRequest, metadata, idempotencyKey);
    return toMessage(ticket);
  }

  @GrpcMethod('IntakeService', 'GetTicket')
  @Roles('agent', 'supervisor', 'analyst')
  async getTicket(@Payload() request: GetTicketMessage, @CurrentPrincipal() principal: Principal) {
    return toMessage(await this.tickets.get(request.ticketId, principal.tenantId));
  }
}

function toMessage(ticket: TicketDetails) {
  const state = ticket.state as unknown as Record<string, unknown>;
  const text = (key: string) => (typeof state[key] === 'string' ? (state[key] as string) : '');
  return {
    ticketId: ticket.ticketId,
    revision: ticket.revision,
    status: text('status'),
    channel: text('channel'),
    subject: text('subject'),
    customerId: text('customerId'),
    priority: text('priority'),
    category: text('category'),
    assigneeId: text('assigneeId'),
    groupId: text('groupId'),
    history: ticket.history.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      streamPosition: e.streamPosition,
      occurredAt: e.occurredAt,
      actorKind: e.actor.kind,
      actorId: e.actor.id,
      dataJson: JSON.stringify(e.data),
    })),
  };
}
