import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CustomerMessageReceived, TicketOpened, streamId, type CommandMetadata, type DeliveryRequestedData, type StaffNoticeRequestedData } from '@ticketing/contracts';
import { aggregateStream, handleCommand, WrongExpectedRevisionError, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { ChannelSettingsService, type TenantSmtp } from '../channel-settings/channel-settings.service';
import { TicketChannel } from '../threading/ticket-channel.entity';
import { outboundMessageId, ticketReference } from '../threading/thread-keys';
import { deliveryDecider } from './delivery.decider';
import { OutboundDelivery } from './outbound-delivery.entity';
import { OUTBOUND_CONFIG, type OutboundConfig } from './outbound.config';
import { staffNoticeSubject } from '../staff-notices/staff-notice';
import { postSignedWebhook, SmtpSender, type AttemptResult } from './transports';
import { SurveyLinks } from '../survey-links/survey-link.adapters';

const BATCH = 20;

/**
 * Attempts due deliveries: picks them from the read model (a to-do list only), re-reads each
 * delivery's stream (the truth), sends, and records the attempt with the revision it read, so
 * two workers never record the same attempt twice. Failures are retried with exponential backoff
 * and end in DeliveryFailed after the last attempt.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly smtp: SmtpSender | null;
  /** One connection pool per tenant relay (keyed by relay, user and password fingerprint). */
  private readonly tenantSmtp = new Map<string, SmtpSender>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OUTBOUND_CONFIG) private readonly config: OutboundConfig,
    @InjectRepository(OutboundDelivery) private readonly deliveries: Repository<OutboundDelivery>,
    @InjectRepository(TicketChannel) private readonly ticketChannels: Repository<TicketChannel>,
    private readonly channelSettings: ChannelSettingsService,
    private readonly surveyLinks: SurveyLinks,
  ) {
    this.smtp = config.smtp ? new SmtpSender(config.smtp.url) : null;
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.smtp?.close();
    for (const sender of this.tenantSmtp.values()) sender.close();
  }

  private senderFor(relay: TenantSmtp): SmtpSender {
    let sender = this.tenantSmtp.get(relay.key);
    if (!sender) {
      sender = new SmtpSender(relay.url);
      this.tenantSmtp.set(relay.key, sender);
    }
    return sender;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .then(() => undefined, (error: unknown) => this.logger.warn(`delivery pass failed: ${(error as Error).message}`))
        .finally(() => this.schedule());
    }, this.config.pollMs);
  }

  /** One pass over the deliveries due now; returns how many were attempted. */
  async runDue(now = new Date()): Promise<number> {
    const due = await this.deliveries.find({ where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC' }, take: BATCH });
    let attempted = 0;
    for (const row of due) {
      if (this.stopped) break;
      if (await this.attempt(row.deliveryId, new Date())) attempted++;
    }
    return attempted;
  }

  private async attempt(deliveryId: string, now: Date): Promise<boolean> {
    const stream = streamId('delivery', deliveryId);
    const { state, revision } = await aggregateStream(this.store, stream, deliveryDecider.evolve, deliveryDecider.initialState);
    const request = state.request ?? state.notice;
    if (!request || state.outcome !== null || (state.nextAttemptAt !== null && Date.parse(state.nextAttemptAt) > now.getTime())) return false;
    const result = state.notice ? await this.sendNotice(state.notice, state.tenantId!, now) : await this.send(state.request!, state.tenantId!, now);
    const metadata: CommandMetadata = {
      tenantId: state.tenantId!,
      actor: { kind: 'service', id: 'intake' },
      correlationId: request.sourceEventId,
      causationId: request.sourceEventId,
      now: now.toISOString(),
    };
    try {
      await handleCommand({
        store: this.store,
        streamId: stream,
        decider: deliveryDecider,
        command: { type: 'RecordAttempt', metadata, data: { ...result, backoffMs: this.config.backoffMs, maxBackoffMs: this.config.maxBackoffMs } },
        expectedRevision: revision,
        validate: validateNewEvent,
      });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false; // another worker recorded this attempt
      throw error;
    }
    if (!result.ok) this.logger.warn(`delivery ${deliveryId} attempt ${state.attempts + 1} failed: ${result.detail}`);
    return true;
  }

  private async send(stored: DeliveryRequestedData, tenantId: string, now: Date): Promise<AttemptResult> {
    const thread = await this.ticketChannels.findOneBy({ ticketId: stored.ticketId, tenantId });
    const fail = (detail: string): AttemptResult => ({ ok: false, statusCode: null, detail, transportMessageId: stored.deliveryId });
    if (!thread) return fail(`no known address of the customer for ticket ${stored.ticketId} on ${stored.channel}`);
    // A survey gets its signed link only now (never stored in an event); feedback unreachable → retried.
    const request = await this.surveyLinks.render(stored, tenantId).catch((error: Error) => error);
    if (request instanceof Error) return fail(`survey link unavailable: ${request.message}`);
    // The tenant's own channel settings first; the deployment's INTAKE_* configuration is the default.
    if (request.transport === 'smtp') {
      const relay = await this.channelSettings.smtpFor(tenantId);
      if (relay) return this.senderFor(relay).send(await this.mailFor(request, thread.customerHandle, tenantId, relay.from));
      if (!this.smtp || !this.config.smtp) return fail("no SMTP server configured (the tenant's channel settings or INTAKE_SMTP_URL)");
      return this.smtp.send(await this.mailFor(request, thread.customerHandle, tenantId, this.config.smtp.from));
    }
    const tenantHook = await this.channelSettings.webhookFor(tenantId, request.channel);
    const url = tenantHook?.url ?? this.config.webhookUrls[request.channel];
    const secret = tenantHook?.secret ?? this.config.webhookSecret;
    if (!url || !secret) return fail(`no webhook configured for channel ${request.channel} (the tenant's channel settings or INTAKE_WEBHOOK_URL)`);
    return postSignedWebhook(
      url,
      secret,
      request.deliveryId,
      {
        deliveryId: request.deliveryId,
        tenantId,
        ticketId: request.ticketId,
        ticketReference: ticketReference(request.ticketId),
        kind: request.kind,
        channel: request.channel,
        recipient: thread.customerHandle,
        conversationId: thread.keyKind === 'session' ? thread.conversationKey : null,
        messageId: request.messageId,
        text: request.text,
        sentAt: now.toISOString(),
      },
      this.config.webhookTimeoutMs,
      now,
    );
  }

  /**
   * A notice to staff: mailed to the address chosen when it was requested (through the tenant's relay,
   * else the deployment's), or posted to the tenant's staff-notice webhook (else the deployment's).
   * Its Message-ID and subject carry no ticket reference, so a staff member's reply never threads
   * into the customer's conversation.
   */
  private async sendNotice(notice: StaffNoticeRequestedData, tenantId: string, now: Date): Promise<AttemptResult> {
    const fail = (detail: string): AttemptResult => ({ ok: false, statusCode: null, detail, transportMessageId: notice.deliveryId });
    if (notice.transport === 'smtp') {
      const relay = await this.channelSettings.smtpFor(tenantId);
      const sender = relay ? this.senderFor(relay) : this.smtp;
      const from = relay?.from ?? this.config.smtp?.from;
      if (!sender || !from) return fail("no SMTP server configured (the tenant's channel settings or INTAKE_SMTP_URL)");
      return sender.send({
        from,
        to: notice.address!,
        subject: staffNoticeSubject(notice),
        text: notice.text,
        messageId: `notice.${notice.deliveryId}@${this.config.mailDomain}`,
        inReplyTo: null,
        references: [],
        automated: true,
      });
    }
    const tenant = await this.channelSettings.staffNoticesFor(tenantId);
    const url = tenant?.settings.webhookUrl ?? this.config.staffNotices.webhookUrl;
    const secret = tenant?.settings.webhookUrl ? tenant.webhookSecret : this.config.webhookSecret;
    if (!url || !secret) return fail("no staff-notice webhook configured (the tenant's channel settings or INTAKE_STAFF_WEBHOOK_URL)");
    const { deliveryId, ticketId, sourceEventId, noticeType, kind, target, recipientRole, recipientId, escalationLevel, reason, text } = notice;
    return postSignedWebhook(
      url,
      secret,
      deliveryId,
      {
        type: 'staff_notice',
        deliveryId,
        tenantId,
        ticketId,
        ticketReference: ticketReference(ticketId),
        notice: { eventId: sourceEventId, eventType: noticeType, kind, target, recipientRole, recipientId, escalationLevel, reason },
        text,
        sentAt: now.toISOString(),
      },
      this.config.webhookTimeoutMs,
      now,
    );
  }

  /** Threading headers: In-Reply-To the customer's latest mail, References the whole thread, subject with the ticket reference. */
  private async mailFor(request: DeliveryRequestedData, to: string, tenantId: string, from: string) {
    const events = await this.store.readStream(streamId('ticket', request.ticketId));
    let subject = '';
    const customerMailIds: string[] = [];
    for (const event of events) {
      if (event.tenantId !== tenantId) break;
      if (TicketOpened.is(event)) {
        subject = event.data.subject;
        if (event.data.channel === 'email') customerMailIds.push(event.data.channelMessageId);
      }
      if (CustomerMessageReceived.is(event) && event.data.channel === 'email') customerMailIds.push(event.data.channelMessageId);
    }
    const realIds = customerMailIds.filter((id) => /^[^\s<>]+@[^\s<>]+$/.test(id) && !id.endsWith('@generated.invalid'));
    const reference = ticketReference(request.ticketId);
    const base = subject.replace(/^((re|aw|fw|fwd|回复|答复)\s*[:：]\s*)+/i, '').trim();
    return {
      from,
      to,
      subject: `Re: ${base.includes(reference) ? base : `${base} ${reference}`}`.trim(),
      text: request.text,
      messageId: outboundMessageId(request.ticketId, request.deliveryId, this.config.mailDomain),
      inReplyTo: realIds.at(-1) ?? null,
      references: realIds.slice(-20),
      automated: request.kind === 'survey',
    };
  }
}
