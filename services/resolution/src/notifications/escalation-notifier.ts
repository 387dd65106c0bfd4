import { Inject, Injectable } from '@nestjs/common';
import {
  CollaborationOverdue,
  resolutionNoticeStream,
  ResolutionNoticeSent,
  stampEvent,
  streamId,
  type CommandMetadata,
  type EventEnvelope,
  type ResolutionNoticeSentData,
} from '@ticketing/contracts';
import { WrongExpectedRevisionError, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { EVENT_BUS, EVENT_STORE, EventPolicy, eventsConsumed, validateNewEvent } from '@ticketing/platform';
import type { Ticket } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';

const NOTIFIER = { kind: 'system' as const, id: 'resolution.escalation-notifier' };

/**
 * Tells someone when resolution work falls overdue. An overdue collaboration task (its
 * CollaborationOverdue names the department's escalation contact) notifies that department lead,
 * or every supervisor when the department has none; a promised resolution time that passed without
 * an update notifies the supervisors. Each notice is its own stream written once, so a redelivered
 * event or a repeated sweep never notifies twice.
 */
@Injectable()
export class EscalationNotifier extends EventPolicy {
  protected readonly consumer = { groupId: 'resolution.escalation-notifier', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!CollaborationOverdue.is(event)) return;
    const { ticketId, collaborationId, department, dueAt, escalatedTo } = event.data;
    const sent = await this.notify(
      { tenantId: event.tenantId, actor: NOTIFIER, correlationId: event.correlationId, causationId: event.eventId, now: new Date().toISOString() },
      {
        ticketId,
        kind: 'collaboration_overdue',
        target: collaborationId,
        recipientRole: escalatedTo ? 'department_lead' : 'supervisor',
        recipientId: escalatedTo,
        escalationLevel: 1,
        reason: `${department} task ${collaborationId} was due ${dueAt} and is still open`,
      },
    );
    eventsConsumed.inc({ consumer: 'resolution.escalation-notifier', outcome: sent ? 'notified' : 'duplicate' });
  }

  /** The ticket is past the time promised to the customer with no update since: the supervisors hear of it, once per promise. */
  promiseOverdue(ticket: Ticket, now: Date): Promise<boolean> {
    const promised = ticket.expectedResolutionAt!;
    return this.notify(
      { tenantId: ticket.tenantId, actor: NOTIFIER, correlationId: uuidv7(), causationId: null, now: now.toISOString() },
      {
        ticketId: ticket.ticketId,
        kind: 'promise_overdue',
        target: promised,
        recipientRole: 'supervisor',
        recipientId: null,
        escalationLevel: 1,
        reason: `resolution promised by ${promised} passed without an update${ticket.assigneeId ? ` (assigned to ${ticket.assigneeId})` : ''}`,
      },
    );
  }

  private async notify(metadata: CommandMetadata, data: ResolutionNoticeSentData): Promise<boolean> {
    const event = stampEvent(ResolutionNoticeSent, metadata, data);
    validateNewEvent(event);
    const key = `${data.ticketId}.${data.kind}.${data.kind === 'promise_overdue' ? Date.parse(data.target!) : data.target}`;
    try {
      await this.store.appendToStream(streamId(resolutionNoticeStream, key), [event], { expectedRevision: 'no_stream' });
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false; // already notified
      throw error;
    }
  }
}
