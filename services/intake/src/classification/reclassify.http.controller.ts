import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CATEGORIES, PRIORITIES, streamId, SUBCATEGORY_SLUG, type Category, type CommandMetadata, type Priority } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { CommandContext, EVENT_STORE, Roles, validateNewEvent } from '@ticketing/platform';
import { ticketDecider } from '@ticketing/ticket';
import { ClassificationService } from './classification.service';

export class ReclassifyRequest {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "One of the tenant's subcategories under `category` (see GET /classification/taxonomy); null clears it; left out keeps it while the category stays",
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(SUBCATEGORY_SLUG, { message: 'subcategory must be a subcategory slug (a-z, 0-9, - or _, 2-64 characters)' })
  subcategory?: string | null;

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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly classification: ClassificationService,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "Correct a ticket's category, subcategory, priority or complaint flag (agents' corrections retrain the tenant's model)" })
  async reclassify(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @Body() request: ReclassifyRequest, @CommandContext() metadata: CommandMetadata) {
    await this.classification.checkClassification(metadata.tenantId, request.category, request.subcategory);
    return reclassifyTicket(this.store, ticketId, request, metadata);
  }
}

/** TicketReclassified by the caller (REST and gRPC). */
export async function reclassifyTicket(store: EventStore, ticketId: string, request: ReclassifyRequest, metadata: CommandMetadata) {
  const { category, subcategory, priority, complaint, reason } = request;
  const result = await handleCommand({
    store,
    streamId: streamId('ticket', ticketId),
    decider: ticketDecider,
    command: { type: 'ReclassifyTicket', ticketId, metadata, data: { category, subcategory, priority, complaint, reason, source: 'agent' } },
    validate: validateNewEvent,
  });
  return { ticketId, revision: result.nextExpectedRevision, events: result.newEvents.map((e) => e.type) };
}
