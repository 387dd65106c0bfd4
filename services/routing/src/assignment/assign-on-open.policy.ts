import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TicketOpened, streamId, topicForCategory, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_BUS, EVENT_STORE, eventsConsumed, validateNewEvent } from '@ticketing/platform';
import type { BusSubscription, EventBus } from '@ticketing/messaging';
import { ticketDecider, ticketExists, type TicketCommand, type TicketState } from '@ticketing/ticket';
import type { Repository } from 'typeorm';
import { AgentRosterEntry } from '../agent-roster/agent-roster.entity';
import { chooseAgent } from './choose-agent';

/** Until skill groups land (issue #4) every ticket goes to the tenant's general queue. */
export const GENERAL_GROUP = 'general';

/**
 * Routing's reaction to a new ticket: queue it, and assign it to the best free agent if there is
 * one. Idempotent through the ticket's own state: a redelivered TicketOpened finds the ticket
 * already queued and decides nothing.
 */
@Injectable()
export class AssignOnOpenPolicy implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AssignOnOpenPolicy.name);
  private subscription?: BusSubscription;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @InjectRepository(AgentRosterEntry) private readonly roster: Repository<AgentRosterEntry>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.bus.subscribe(
      { groupId: 'routing.assignment', topics: [topicForCategory('ticket')], fromBeginning: true },
      (event) => this.handle(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!TicketOpened.is(event)) return;
    const { ticketId, language } = event.data;
    const metadata: CommandMetadata = {
      tenantId: event.tenantId,
      actor: { kind: 'service', id: 'routing' },
      correlationId: event.correlationId,
      causationId: event.eventId,
      now: new Date().toISOString(),
    };
    const stream = streamId('ticket', ticketId);
    const queued = await this.run(stream, {
      type: 'QueueTicket',
      ticketId,
      metadata,
      data: { groupId: GENERAL_GROUP, requiredSkills: [], reason: 'new ticket: default queue' },
    });
    if (!queued) return;

    const candidates = await this.roster.find({ where: { tenantId: event.tenantId } });
    const choice = chooseAgent(candidates, { language });
    if (!choice) {
      this.logger.log(`ticket ${ticketId} queued in ${GENERAL_GROUP}: no free agent`);
      eventsConsumed.inc({ consumer: 'routing.assignment', outcome: 'queued' });
      return;
    }
    await this.run(stream, {
      type: 'AssignTicket',
      ticketId,
      metadata,
      data: { agentId: choice.agentId, groupId: GENERAL_GROUP, reason: 'least_loaded', explanation: choice.explanation },
    });
    eventsConsumed.inc({ consumer: 'routing.assignment', outcome: 'assigned' });
  }

  /** Returns false when the ticket already moved on (a redelivery): nothing was decided. */
  private async run(stream: string, command: TicketCommand): Promise<boolean> {
    const result = await handleCommand({ store: this.store, streamId: stream, decider: queueOnce, command, validate: validateNewEvent });
    return result.newEvents.length > 0;
  }
}

/** The ticket decider, except that a ticket already queued or assigned is left alone: routing's
 * reaction to TicketOpened happens once per ticket however often the event is delivered. */
const queueOnce = {
  ...ticketDecider,
  decide: (command: TicketCommand, state: TicketState) =>
    command.type === 'QueueTicket' && ticketExists(state) && (state.groupId !== null || state.assigneeId !== null)
      ? []
      : ticketDecider.decide(command, state),
};
