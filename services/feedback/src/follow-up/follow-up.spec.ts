import { callbackStream, streamId, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { createEventStore, handleCommand, type EventStore } from '@ticketing/eventstore';
import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { InProcessEventBus } from '@ticketing/messaging';
import { initializeReadModels, readModelDataSourceOptions, validateNewEvent } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import type { DataSource } from 'typeorm';
import { CallbackView } from '../callbacks/callback.entity';
import { callbacksProjection } from '../callbacks/callbacks.projection';
import { CallbacksService } from '../callbacks/callbacks.service';
import { DEFAULT_FEEDBACK_SETTINGS } from '../settings/feedback-settings';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import { SurveyLinkSigner } from '../surveying/survey-link';
import { SurveysService } from '../surveying/surveys.service';
import { CustomerSurvey, FeedbackTimer } from './feedback-timer.entity';
import { FEEDBACK_TIMERS, FollowUpPolicy } from './follow-up.policy';
import { FollowUpTimers } from './follow-up.timers';

const T0 = Date.parse('2025-03-03T09:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const tenant = 'shop-a';
const ticketIds = ['0195f0a0-0000-7000-8000-00000000000a', '0195f0a0-0000-7000-8000-00000000000b', '0195f0a0-0000-7000-8000-00000000000c'];

describeIf(postgresAvailability(), 'automatic surveys and callbacks after resolution (durable timers on PostgreSQL)', () => {
  let database: TestPostgresDatabase;
  let dataSource: DataSource;
  let store: EventStore;
  let now = T0;
  const clock = () => now;
  let settings: FeedbackSettingsService;
  let callbacks: CallbacksService;
  let surveys: SurveysService;
  let policy: FollowUpPolicy;
  const meta = (actor: CommandMetadata['actor'], at = now): CommandMetadata => ({ tenantId: tenant, actor, correlationId: 'c-1', causationId: null, now: new Date(at).toISOString() });
  const system = { kind: 'system' as const, id: 'test' };
  const run = (ticketId: string, command: Omit<TicketCommand, 'ticketId' | 'metadata'>, actor: CommandMetadata['actor'] = system) =>
    handleCommand({ store, streamId: streamId('ticket', ticketId), decider: ticketDecider, command: { ...command, ticketId, metadata: meta(actor) } as TicketCommand, validate: validateNewEvent });
  const ticketEvents = (ticketId: string) => store.readStream(streamId('ticket', ticketId));
  /** Feeds every callback event into the read model, as the projection runner would (and again: idempotent). */
  const project = async () => {
    for (const id of ticketIds) {
      for (const event of await store.readStream(streamId(callbackStream, id))) {
        await dataSource.transaction((m) => callbacksProjection.apply(event, m));
        await dataSource.transaction((m) => callbacksProjection.apply(event, m));
      }
    }
  };
  const newTimers = () => new FollowUpTimers(store, dataSource, settings, surveys, callbacks, clock);

  /** Opens and resolves a ticket for `customerId`; returns its TicketResolved. */
  async function resolvedTicket(ticketId: string, customerId: string, options: { vip?: boolean; complaint?: boolean }): Promise<EventEnvelope> {
    await run(ticketId, {
      type: 'OpenTicket',
      data: { ticketId, channel: 'chat', channelMessageId: `m-${ticketId}`, customerId, customerTier: options.vip ? 'vip' : 'regular', subject: 'Broken', text: 'It broke', orderNumber: null, attachments: [], language: 'en' },
    } as never, { kind: 'customer', id: customerId });
    await run(ticketId, { type: 'ClassifyTicket', data: { category: 'order_status', priority: 'normal', complaint: options.complaint ?? false, source: 'rules', confidence: 0.9, tags: [] } } as never);
    await run(ticketId, { type: 'AssignTicket', data: { agentId: 'agent-7', groupId: 'general', reason: 'skill_match', explanation: 'x' } } as never);
    await run(ticketId, { type: 'ResolveTicket', data: { resolutionCode: 'answered', summary: 'Done', resolvedBy: 'agent-7' } } as never, { kind: 'agent', id: 'agent-7' });
    return (await ticketEvents(ticketId)).find((e) => e.type === 'TicketResolved')!;
  }

  beforeAll(async () => {
    database = await createTestPostgresDatabase('feedback_follow_up');
    dataSource = await initializeReadModels({ ...readModelDataSourceOptions({ kind: 'postgres', url: database.url }), entities: [CallbackView, FeedbackTimer, CustomerSurvey] });
    store = await createEventStore({ kind: 'postgres', url: database.url });
    settings = new FeedbackSettingsService(store);
    callbacks = new CallbacksService(store, dataSource);
    surveys = new SurveysService(store, new SurveyLinkSigner('s'.repeat(40)), clock);
    policy = new FollowUpPolicy(new InProcessEventBus(), store, dataSource, settings, callbacks);
    await settings.change({
      type: 'ChangeFeedbackSettings',
      metadata: meta({ kind: 'supervisor', id: 'admin-1' }),
      data: {
        surveys: { ...DEFAULT_FEEDBACK_SETTINGS.surveys, delayMinutes: 30, channel: 'email', minIntervalHours: 48, answerDeadlineHours: 72 },
        callbacks: { enabled: true, delayMinutes: 120, graceMinutes: 60, complexCategories: [] },
        reason: 'survey by mail half an hour after resolution',
      },
    });
  });
  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('records a settings change as an event with the admin and the reason', async () => {
    const [changed] = await store.readStream(streamId('feedback', tenant));
    expect(changed).toMatchObject({ type: 'FeedbackSettingsChanged', actor: { kind: 'supervisor', id: 'admin-1' }, data: { reason: 'survey by mail half an hour after resolution' } });
    expect((await settings.load(tenant)).revision).toBe(1);
    expect((await settings.load('other-tenant')).settings).toEqual(DEFAULT_FEEDBACK_SETTINGS);
  });

  it('sends the survey when due, on the configured channel, once across a restart; not to the same customer again within the interval', async () => {
    const resolved = await resolvedTicket(ticketIds[0], 'cust-1', {});
    await policy.handle(resolved);
    await policy.handle(resolved); // redelivered: the timer is not re-armed or moved
    expect((await FEEDBACK_TIMERS.pending(dataSource, tenant, 'survey')).map((t) => [t.subject, t.dueAt.getTime()])).toEqual([[ticketIds[0], Date.parse(resolved.occurredAt) + 30 * MIN]]);

    const first = newTimers();
    now = T0 + 10 * MIN;
    expect(await first.scheduler.runOnce()).toBe(0); // not due yet
    now = T0 + 31 * MIN;
    expect(await first.scheduler.runOnce()).toBe(1);
    expect(first.results).toEqual(['sent']);
    const sent = (await ticketEvents(ticketIds[0])).filter((e) => e.type === 'SurveySent');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toMatchObject({ channel: 'email', expiresAt: new Date(now + 72 * HOUR).toISOString() });

    // A second instance after a "restart" finds nothing left to fire; a re-armed timer finds the survey sent.
    const second = newTimers();
    expect(await second.scheduler.runOnce()).toBe(0);
    await FEEDBACK_TIMERS.schedule(dataSource, { kind: 'survey', tenantId: tenant, subject: ticketIds[0], target: resolved.occurredAt, dueAt: now });
    expect(await second.scheduler.runOnce()).toBe(1);
    expect(second.results).toEqual(['already_sent']);
    expect((await ticketEvents(ticketIds[0])).filter((e) => e.type === 'SurveySent')).toHaveLength(1);

    // The same customer's next ticket, resolved within 48 h: no survey.
    now = T0 + 2 * HOUR;
    const again = await resolvedTicket(ticketIds[1], 'cust-1', {});
    await policy.handle(again);
    now += 31 * MIN;
    expect(await second.scheduler.runOnce()).toBe(1);
    expect(second.results).toEqual(['already_sent', 'too_soon_for_customer']);
    expect((await ticketEvents(ticketIds[1])).some((e) => e.type === 'SurveySent')).toBe(false);
    expect(await FEEDBACK_TIMERS.pending(dataSource, tenant, 'survey')).toEqual([]);
  });

  it('schedules a callback for a VIP complaint, records it missed after the grace, lists it, and takes a late completion', async () => {
    now = T0 + 3 * HOUR;
    const resolved = await resolvedTicket(ticketIds[2], 'cust-2', { vip: true, complaint: true });
    await policy.handle(resolved);
    await policy.handle(resolved);
    const stream = await store.readStream(streamId(callbackStream, ticketIds[2]));
    expect(stream.map((e) => e.type)).toEqual(['CallbackScheduled']);
    expect(stream[0].data).toMatchObject({ callbackId: resolved.eventId, customerId: 'cust-2', reasons: ['complaint', 'vip'], assignee: 'agent-7', dueAt: new Date(Date.parse(resolved.occurredAt) + 120 * MIN).toISOString() });
    await project();
    expect((await callbacks.list(tenant, { status: 'scheduled' })).map((c) => c.ticketId)).toEqual([ticketIds[2]]);
    // Regular, non-complaint tickets got none.
    expect(await store.readStream(streamId(callbackStream, ticketIds[0]))).toEqual([]);

    const timers = newTimers();
    now = Date.parse(resolved.occurredAt) + 120 * MIN + 59 * MIN;
    await timers.scheduler.runOnce(); // the survey may fire; the callback is not missed yet
    expect((await store.readStream(streamId(callbackStream, ticketIds[2]))).map((e) => e.type)).toEqual(['CallbackScheduled']);
    now += 2 * MIN;
    await timers.scheduler.runOnce();
    await project();
    const missed = await callbacks.list(tenant, { status: 'missed' });
    expect(missed).toEqual([expect.objectContaining({ callbackId: resolved.eventId, ticketId: ticketIds[2], status: 'missed', missed: true })]);
    expect(await callbacks.list('other-tenant', { status: 'missed' })).toEqual([]);

    now += HOUR;
    const done = await callbacks.complete(resolved.eventId, 'reached_satisfied', 'Refund confirmed', meta({ kind: 'agent', id: 'agent-7' }));
    expect(done).toMatchObject({ status: 'completed', completedBy: 'agent-7', outcome: 'reached_satisfied' });
    const completed = (await store.readStream(streamId(callbackStream, ticketIds[2]))).pop()!;
    expect(completed).toMatchObject({ type: 'CallbackCompleted', actor: { kind: 'agent', id: 'agent-7' }, data: { late: true, note: 'Refund confirmed' } });
    await project();
    expect(await callbacks.list(tenant, { status: 'missed' })).toEqual([]);
    expect((await callbacks.list(tenant)).map((c) => [c.status, c.missed, c.outcome])).toEqual([['completed', true, 'reached_satisfied']]);
    await expect(callbacks.complete(resolved.eventId, 'no_answer', null, { ...meta({ kind: 'agent', id: 'x' }), tenantId: 'other-tenant' })).rejects.toThrow('does not exist');
  });
});
