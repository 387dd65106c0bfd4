import { Inject, Injectable } from '@nestjs/common';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';

export interface ActionResult {
  ticketId: string;
  revision: number;
  status: string;
}

/** Runs an agent's command on a ticket: optimistic concurrency from If-Match, invariants in the decider. */
@Injectable()
export class TicketActionsService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async act(
    ticketId: string,
    build: (metadata: CommandMetadata) => TicketCommand,
    metadata: CommandMetadata,
    expectedRevision?: number,
  ): Promise<ActionResult> {
    const result = await handleCommand({
      store: this.store,
      streamId: streamId('ticket', ticketId),
      decider: ticketDecider,
      command: build(metadata),
      expectedRevision,
      validate: validateNewEvent,
    });
    return { ticketId, revision: result.nextExpectedRevision, status: result.state.status };
  }
}
