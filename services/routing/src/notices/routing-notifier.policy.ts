import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  routingNoticeStream,
  RoutingNoticeSent,
  SlaWarningRaised,
  stampEvent,
  streamId,
  TicketEscalated,
  type EscalationRecipient,
  type EventEnvelope,
  type RoutingNoticeSentData,
} from '@ticketing/contracts';
import { WrongExpectedRevisionError, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent } from '@ticketing/platform';
import { ticketDecider, ticketExists, type Ticket, type TicketState } from '@ticketing/ticket';
import type { DataSource, EntityManager } from 'typeorm';
import { AgentRosterEntry } from '../agent-roster/agent-roster.entity';
import { loadSettings } from '../settings/routing-settings.projection';

const ROUTING = { kind: 'service' as const, id: 'routing' };
const CONSUMER = 'routing.notifier';

/** The ticket as its stream stood right after `event` (who held it, at which escalation level). */
export async function ticketAt(store: EventStore, event: EventEnvelope): Promise<Ticket | null> {
  const history = await store.readStream(event.streamId, { maxCount: event.streamPosition + 1 });
  let state: TicketState = ticketDecider.initialState();
  for (const e of history) {
    state = ticketDecider.evolve(state, e as Parameters<typeof ticketDecider.evolve>[1]);
    if (e.eventId === event.eventId) break;
  }
  return ticketExists(state) ? state : null;
}

/** Who an escalation step notifies: the assignee, the group's most senior other agent (online first), or (null) every supervisor. */
export async function escalationRecipient(manager: EntityManager, ticket: Pick<Ticket, 'tenantId' | 'assigneeId' | 'groupId'>, who: EscalationRecipient): Promise<string | null> {
  if (who === 'supervisor') return null;
  if (who === 'assignee') return ticket.assigneeId;
  const agents = await manager.find(AgentRosterEntry, { where: { tenantId: ticket.tenantId } });
  const seniors = agents
    .filter((a) => a.agentId !== ticket.assigneeId && (ticket.groupId === null || a.skillLevels[ticket.groupId] !== undefined))
    .sort((a, b) => Number(b.presence === 'online') - Number(a.presence === 'online') || b.seniority - a.seniority || a.agentId.localeCompare(b.agentId));
  return seniors[0]?.agentId ?? null;
}

/**
 * Notices are a reaction to the ticket events they report, not a second write after them: an SLA
 * warning notifies the ticket's assignee, an escalation after a breach notifies the step of the
 * tenant's chain it reached. The bus delivers each ticket event at least once; every notice is its
 * own stream named after the event that caused it (`routingnotice-<ticket>.<kind>.<eventId>`),
 * appended with `no_stream`, so it is written exactly once in effect, also when routing crashed
 * right after the ticket event was appended.
 */
@Injectable()
export class RoutingNotifier extends EventPolicy {
  protected readonly consumer = { groupId: CONSUMER, categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    const notice = await this.noticeFor(event);
    if (!notice) return;
    const sent = await this.send(event, notice);
    eventsConsumed.inc({ consumer: CONSUMER, outcome: sent ? 'notified' : 'duplicate' });
  }

  /** The notice an event calls for, from the ticket as it stood at that event; null when none. */
  private async noticeFor(event: EventEnvelope): Promise<RoutingNoticeSentData | null> {
    if (SlaWarningRaised.is(event)) {
      const ticket = await ticketAt(this.store, event);
      if (!ticket) return null;
      const { target, dueAt } = event.data;
      return {
        ticketId: ticket.ticketId, kind: 'sla_warning', target, recipientRole: 'assignee', recipientId: ticket.assigneeId,
        escalationLevel: ticket.escalationLevel, reason: `${target} SLA warning: due ${dueAt}`,
      };
    }
    // Routing's escalations along the chain (other services' escalations notify on their own).
    if (TicketEscalated.is(event) && event.data.reason === 'sla_breach' && event.actor.kind === ROUTING.kind && event.actor.id === ROUTING.id) {
      const ticket = await ticketAt(this.store, event);
      if (!ticket) return null;
      const manager = this.dataSource.manager;
      const step = (await loadSettings(manager, event.tenantId)).escalationChain[event.data.level - 1];
      const role = step?.notify ?? 'supervisor';
      return {
        ticketId: ticket.ticketId, kind: 'escalation', target: null, recipientRole: role, recipientId: await escalationRecipient(manager, ticket, role),
        escalationLevel: event.data.level, reason: event.data.note ?? `SLA breach, escalation step ${event.data.level}`,
      };
    }
    return null;
  }

  private async notifiedBeforeReactions(cause: EventEnvelope, data: RoutingNoticeSentData): Promise<boolean> {
    const [legacy] = await this.store.readStream(legacyNoticeStream(data), { maxCount: 1 });
    if (!legacy) return false;
    const after = Date.parse(legacy.occurredAt) - Date.parse(cause.occurredAt);
    return after >= 0 && after <= LEGACY_WINDOW_MS;
  }

  private async send(cause: EventEnvelope, data: RoutingNoticeSentData): Promise<boolean> {
    if (await this.notifiedBeforeReactions(cause, data)) return false;
    const metadata = { tenantId: cause.tenantId, actor: ROUTING, correlationId: cause.correlationId, causationId: cause.eventId, now: cause.occurredAt };
    const event = stampEvent(RoutingNoticeSent, metadata, data);
    validateNewEvent(event);
    try {
      await this.store.appendToStream(noticeStream(data, cause.eventId), [event], { expectedRevision: 'no_stream' });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false; // already notified
      throw error;
    }
  }
}

/**
 * Before notices became reactions, the timer handler wrote them right after the ticket event, keyed
 * by ticket, kind, target and level, a moment after the event. A history replayed into this consumer
 * (its group starts at the beginning of the topic) must not notify those people a second time; a
 * later warning at the same level (a restarted clock) is a new cause and still notifies.
 */
const LEGACY_WINDOW_MS = 60_000;

export function legacyNoticeStream(data: Pick<RoutingNoticeSentData, 'ticketId' | 'kind' | 'target' | 'escalationLevel'>): string {
  return streamId(routingNoticeStream, `${data.ticketId}.${data.kind}.${data.target ?? 'ticket'}.${data.escalationLevel}`);
}

/** One stream per notice, named after the event that caused it. */
export function noticeStream(data: Pick<RoutingNoticeSentData, 'ticketId' | 'kind'>, causeEventId: string): string {
  return streamId(routingNoticeStream, `${data.ticketId}.${data.kind}.${causeEventId}`);
}
