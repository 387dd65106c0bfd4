import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { CommandContext, EVENT_STORE, Roles, validateNewEvent } from '@ticketing/platform';
import { ticketDecider } from '@ticketing/ticket';

export class AnswerOfferRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  offerId!: string;

  @ApiProperty({ description: 'true: the answer solved it (the ticket resolves as deflected); false: go on to an agent' })
  @IsBoolean()
  accepted!: boolean;
}

@ApiTags('self-service')
@Controller('tickets/:ticketId/self-service')
export class SelfServiceHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('answer')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor')
  @ApiOperation({ summary: "The customer's answer to a self-service offer (a retry with the same answer changes nothing)" })
  async answer(
    @Param('ticketId', new ParseUUIDPipe()) ticketId: string,
    @Body() request: AnswerOfferRequest,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return answerOffer(this.store, ticketId, request, metadata);
  }
}

export async function answerOffer(store: EventStore, ticketId: string, request: AnswerOfferRequest, metadata: CommandMetadata) {
  const result = await handleCommand({
    store,
    streamId: streamId('ticket', ticketId),
    decider: ticketDecider,
    command: { type: 'AnswerSelfServiceOffer', ticketId, metadata, data: { offerId: request.offerId, accepted: request.accepted } },
    validate: validateNewEvent,
  });
  const state = result.state as { status?: string };
  return { ticketId, status: state.status ?? 'unknown', events: result.newEvents.map((e) => e.type) };
}
