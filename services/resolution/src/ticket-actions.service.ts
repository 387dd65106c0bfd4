import { Inject, Injectable } from '@nestjs/common';
import { streamId, type CommandMetadata, type EventEnvelope, type NewTicketEvent } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent, type Principal } from '@ticketing/platform';
import { createTicketDecider, evolve, initialState, TenantMismatchError, ticketExists, TicketNotFoundError, type Ticket, type TicketCommand, type TicketDecider, type TicketState } from '@ticketing/ticket';
import { ticketPolicyOf } from './settings/resolution-config';
import { ResolutionConfigService } from './settings/resolution-config.service';

export interface ActionResult {
  ticketId: string;
  revision: number;
  status: string;
}

/** Builds the commands of one action from the ticket as it is now (a macro needs its fields). */
export type CommandPlan = (ticket: Ticket, metadata: CommandMetadata) => TicketCommand[];

/**
 * Runs an agent's action on a ticket: the tenant's policy (authority limits, reopen window) in the
 * decider, optimistic concurrency from If-Match, invariants in the decider. An action may be several
 * commands (a macro replies, tags and resolves); they are decided in order on the evolving state and
 * appended together, so the ticket never shows half a macro.
 */
@Injectable()
export class TicketActionsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ResolutionConfigService,
  ) {}

  act(ticketId: string, build: (metadata: CommandMetadata) => TicketCommand, metadata: CommandMetadata, expectedRevision?: number): Promise<ActionResult> {
    return this.actAll(ticketId, (_ticket, m) => [build(m)], metadata, expectedRevision);
  }

  async actAll(ticketId: string, plan: CommandPlan, metadata: CommandMetadata, expectedRevision?: number): Promise<ActionResult> {
    const decider = await this.deciderFor(metadata.tenantId);
    const result = await handleCommand({
      store: this.store,
      streamId: streamId('ticket', ticketId),
      decider: { ...decider, decide: (_: null, state: TicketState) => decideAll(decider, state, (t) => plan(t, metadata), ticketId, metadata) },
      command: null,
      expectedRevision,
      validate: validateNewEvent,
    });
    return { ticketId, revision: result.nextExpectedRevision, status: result.state.status };
  }

  async deciderFor(tenantId: string): Promise<TicketDecider> {
    return createTicketDecider(ticketPolicyOf((await this.config.load(tenantId)).settings));
  }

  /** Customers act only on their own tickets: the customer id on the ticket, or the one who opened it. */
  async assertCustomerOwns(ticketId: string, principal: Principal): Promise<void> {
    const { ticket } = await this.load(ticketId, principal.tenantId);
    const [opened] = await this.store.readStream(streamId('ticket', ticketId), { maxCount: 1 });
    const owns = ticket.customerId === principal.actor.id || (opened?.actor.kind === 'customer' && opened.actor.id === principal.actor.id);
    if (!owns) throw new TicketNotFoundError(ticketId);
  }

  /** The ticket as the caller's tenant may see it; another tenant's ticket does not exist. */
  async load(ticketId: string, tenantId: string): Promise<{ ticket: Ticket; revision: number }> {
    const { state, revision } = await aggregateStream(this.store, streamId('ticket', ticketId), evolve, initialState);
    if (!ticketExists(state) || state.tenantId !== tenantId) throw new TicketNotFoundError(ticketId);
    return { ticket: state, revision };
  }
}

/** Decides each command on the state the previous ones left, as if they had been appended one by one. */
export function decideAll(
  decider: TicketDecider,
  state: TicketState,
  plan: (ticket: Ticket) => TicketCommand[],
  ticketId: string,
  metadata: CommandMetadata,
): NewTicketEvent[] {
  if (!ticketExists(state)) throw new TicketNotFoundError(ticketId);
  if (state.tenantId !== metadata.tenantId) throw new TenantMismatchError(ticketId);
  const all: NewTicketEvent[] = [];
  let current: TicketState = state;
  for (const command of plan(state)) {
    for (const event of decider.decide(command, current)) {
      current = decider.evolve(current, asEnvelope(event, ticketId, all.length));
      all.push(event);
    }
  }
  return all;
}

/** Enough of an envelope for `evolve`, which reads only type, version, tenant, time and data. */
function asEnvelope(event: NewTicketEvent, ticketId: string, index: number): EventEnvelope {
  return {
    ...event,
    eventId: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    streamId: streamId('ticket', ticketId),
    streamPosition: -1,
    globalPosition: -1,
    logPosition: { commit: -1, prepare: -1 },
    occurredAt: event.occurredAt ?? new Date(0).toISOString(),
    causationId: event.causationId ?? null,
  } as EventEnvelope;
}
