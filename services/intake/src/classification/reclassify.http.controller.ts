import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { CATEGORIES, PRIORITIES, streamId, type Category, type CommandMetadata, type Priority } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { CommandContext, EVENT_STORE, Roles, validateNewEvent } from '@ticketing/platform';
import { ticketDecider } from '@ticketing/ticket';

export class ReclassifyRequest {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiProperty()
  @IsBoolean()
  complaint!: boolean;

  @ApiProperty({ description: 'Why (kept in the audit trail)' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

/** An agent's correction (or a triage decision): TicketReclassified, which is also training data. */
@ApiTags('classification')
@Controller('tickets/:ticketId/classification')
export class ReclassifyHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Put()
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Correct a ticket's category, priority or complaint flag (agents' corrections retrain the tenant's model)" })
  async reclassify(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @Body() request: ReclassifyRequest, @CommandContext() metadata: CommandMetadata) {
    return reclassifyTicket(this.store, ticketId, request, metadata);
  }
}

/** TicketReclassified by the caller (REST and gRPC). */
export async function reclassifyTicket(store: EventStore, ticketId: string, request: ReclassifyRequest, metadata: CommandMetadata) {
  const { category, priority, complaint, reason } = request;
  const result = await handleCommand({
    store,
    streamId: streamId('ticket', ticketId),
    decider: ticketDecider,
    command: { type: 'ReclassifyTicket', ticketId, metadata, data: { category, priority, complaint, reason, source: 'agent' } },
    validate: validateNewEvent,
  });
  return { ticketId, revision: result.nextExpectedRevision, events: result.newEvents.map((e) => e.type) };
}
