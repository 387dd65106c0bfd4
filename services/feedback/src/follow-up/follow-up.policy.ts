import { Inject, Injectable } from '@nestjs/common';
import { TicketResolved, streamId, type CallbackReason, type EventEnvelope } from '@ticketing/contracts';
import { aggregateStream, type EventStore } from '@ticketing/eventstore';
import type { EventBus } from '@ticketing/messaging';
import { DurableTimers, EVENT_BUS, EVENT_STORE, EventPolicy } from '@ticketing/platform';
import { ticketDecider, ticketExists, type Ticket } from '@ticketing/ticket';
import { DataSource } from 'typeorm';
import { CallbacksService } from '../callbacks/callbacks.service';
import type { FeedbackSettings } from '../settings/feedback-settings';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import type { FeedbackTimerKind } from './feedback-timer.entity';
import { reactionMetadata } from '../reaction-metadata';

export const FEEDBACK_TIMERS = new DurableTimers<FeedbackTimerKind>('feedback');

const MINUTE = 60_000;

/** Why a resolved ticket earns a callback: a complaint, a complex ticket (escalated, or of a category
 * the tenant calls complex), a VIP customer. */
export function callbackReasons(ticket: Ticket, settings: FeedbackSettings['callbacks']): CallbackReason[] {
  const reasons: CallbackReason[] = [];
  if (ticket.complaint) reasons.push('complaint');
  if (ticket.escalationLevel > 0 || (ticket.category !== null && settings.complexCategories.includes(ticket.category))) reasons.push('complex');
  if (ticket.customerTier === 'vip') reasons.push('vip');
  return reasons;
}

/**
 * After a resolution: arm the survey timer (fires `delayMinutes` later, see FollowUpTimers) and, for
 * complaint, complex and VIP tickets, schedule a callback (CallbackScheduled, one per resolution: its id
 * is the resolution event's) with a timer that records it missed if nobody made it within the grace.
 * Redelivery is harmless: the timers are created only if absent and the callback decider schedules
 * a callback id once.
 */
@Injectable()
export class FollowUpPolicy extends EventPolicy {
  protected readonly consumer = { groupId: 'feedback.follow-up', categories: ['ticket'] };

  constructor(
    @Inject(EVENT_BUS) protected readonly bus: EventBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly settings: FeedbackSettingsService,
    private readonly callbacks: CallbacksService,
  ) {
    super();
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!TicketResolved.is(event)) return;
    const { ticketId } = event.data;
    const { state } = await aggregateStream(this.store, streamId('ticket', ticketId), ticketDecider.evolve, ticketDecider.initialState);
    if (!ticketExists(state)) return;
    const { settings } = await this.settings.load(event.tenantId);
    const resolvedAt = Date.parse(event.occurredAt);
    if (settings.surveys.enabled) {
      await FEEDBACK_TIMERS.scheduleOnce(this.dataSource, {
        kind: 'survey',
        tenantId: event.tenantId,
        subject: ticketId,
        target: event.occurredAt,
        dueAt: resolvedAt + settings.surveys.delayMinutes * MINUTE,
      });
    }
    const reasons = callbackReasons(state, settings.callbacks);
    if (!settings.callbacks.enabled || reasons.length === 0) return;
    const dueAt = resolvedAt + settings.callbacks.delayMinutes * MINUTE;
    const metadata = reactionMetadata(event);
    const callbackId = event.eventId;
    await this.callbacks.schedule(
      { callbackId, ticketId, customerId: state.customerId, reasons, assignee: event.data.resolvedBy, dueAt: new Date(dueAt).toISOString() },
      metadata,
    );
    await FEEDBACK_TIMERS.scheduleOnce(this.dataSource, {
      kind: 'callback_missed',
      tenantId: event.tenantId,
      subject: ticketId,
      target: callbackId,
      dueAt: dueAt + settings.callbacks.graceMinutes * MINUTE,
    });
  }
}
