import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { aggregateStream, type EventStore } from '@ticketing/eventstore';
import { DurableTimerScheduler, EVENT_STORE, type ClaimedTimer, type TimerOutcome } from '@ticketing/platform';
import { ticketDecider, ticketExists } from '@ticketing/ticket';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { CallbackNotFoundError } from '../callbacks/callback.decider';
import { CallbacksService } from '../callbacks/callbacks.service';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import { FEEDBACK_CLOCK, SurveysService, type Clock } from '../surveying/surveys.service';
import { CustomerSurvey, type FeedbackTimerKind } from './feedback-timer.entity';
import { FEEDBACK_TIMERS } from './follow-up.policy';

const HOUR = 3_600_000;
const DONE: TimerOutcome = { done: true };

/** What a survey timer did, for logs and tests. */
export type SurveyTimerResult = 'sent' | 'already_sent' | 'not_resolved' | 'disabled' | 'too_soon_for_customer' | 'no_ticket';

/**
 * Feedback's durable timers (table feedback.timers, claimed with SKIP LOCKED leases, so they survive
 * restarts and several replicas): a survey due after a resolution goes out (SurveySent) unless the
 * ticket was reopened or re-resolved meanwhile, already has its survey, or its customer had an
 * automatic survey within the tenant's minimum interval; a callback still not made after its grace
 * is recorded missed. A repeat after a crash decides nothing new (the ticket keeps one survey per
 * resolution, the callback is missed once).
 */
@Injectable()
export class FollowUpTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FollowUpTimers.name);
  readonly scheduler: DurableTimerScheduler<FeedbackTimerKind>;
  /** The latest survey timer outcomes (at most 100), for tests and diagnostics. */
  readonly results: SurveyTimerResult[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly settings: FeedbackSettingsService,
    private readonly surveys: SurveysService,
    private readonly callbacks: CallbacksService,
    @Inject(FEEDBACK_CLOCK) private readonly clock: Clock,
  ) {
    this.scheduler = new DurableTimerScheduler<FeedbackTimerKind>(
      dataSource,
      FEEDBACK_TIMERS,
      { survey: (timer, now) => this.survey(timer, now).then(() => DONE), callback_missed: (timer, now) => this.callbackMissed(timer, now) },
      { owner: `feedback@${hostname()}:${process.pid}`, clock, idleMs: Number(process.env['FEEDBACK_TIMER_IDLE_MS'] ?? 1_000) },
    );
  }

  onApplicationBootstrap(): void {
    if (process.env['FEEDBACK_TIMERS'] === 'off') return;
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }

  private metadata(tenantId: string, timer: ClaimedTimer<FeedbackTimerKind>, now: number): CommandMetadata {
    return { tenantId, actor: { kind: 'service', id: 'feedback' }, correlationId: timer.timerId, causationId: null, now: new Date(now).toISOString() };
  }

  async survey(timer: ClaimedTimer<FeedbackTimerKind>, now: number): Promise<SurveyTimerResult> {
    const result = await this.decideSurvey(timer, now);
    this.results.push(result);
    if (this.results.length > 100) this.results.shift();
    if (result !== 'sent') this.logger.debug(`survey for ticket ${timer.subject}: ${result}`);
    return result;
  }

  private async decideSurvey(timer: ClaimedTimer<FeedbackTimerKind>, now: number): Promise<SurveyTimerResult> {
    const { state: ticket } = await aggregateStream(this.store, streamId('ticket', timer.subject), ticketDecider.evolve, ticketDecider.initialState);
    if (!ticketExists(ticket) || ticket.tenantId !== timer.tenantId) return 'no_ticket';
    // Reopened, or resolved again since (that resolution has its own timer).
    if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || ticket.resolvedAt === null || Date.parse(ticket.resolvedAt) !== Date.parse(timer.target ?? '')) {
      return 'not_resolved';
    }
    if (ticket.survey) return 'already_sent';
    const { surveys } = (await this.settings.load(timer.tenantId)).settings;
    if (!surveys.enabled) return 'disabled';
    const repo = this.dataSource.getRepository(CustomerSurvey);
    const last = await repo.findOneBy({ tenantId: timer.tenantId, customerId: ticket.customerId });
    if (last && surveys.minIntervalHours > 0 && now - new Date(last.lastSentAt).getTime() < surveys.minIntervalHours * HOUR) return 'too_soon_for_customer';
    await this.surveys.send(timer.subject, this.metadata(timer.tenantId, timer, now), {
      channel: surveys.channel === 'ticket' ? undefined : surveys.channel,
      validForMs: surveys.answerDeadlineHours * HOUR,
    });
    await repo.upsert({ tenantId: timer.tenantId, customerId: ticket.customerId, lastSentAt: new Date(now) }, ['tenantId', 'customerId']);
    return 'sent';
  }

  private async callbackMissed(timer: ClaimedTimer<FeedbackTimerKind>, now: number): Promise<TimerOutcome> {
    try {
      await this.callbacks.markMissed(timer.subject, timer.target ?? '', this.metadata(timer.tenantId, timer, now));
    } catch (error) {
      if (!(error instanceof CallbackNotFoundError)) throw error;
      this.logger.warn(`callback ${timer.target} of ticket ${timer.subject} not found; timer dropped`);
    }
    return DONE;
  }
}
