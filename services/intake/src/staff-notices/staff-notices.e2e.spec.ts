import { RoutingNoticeSent, ResolutionNoticeSent, StaffNoticeUndeliverable, streamId, type EventEnvelope, type NewEvent } from '@ticketing/contracts';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { DeliveryWorker } from '../outbound/delivery.worker';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../outbound/transports';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import { aiosmtpdPython, startSmtpSink, type SmtpSink } from '../testing/mail-servers';
import { hookReceiver, type HookReceiver } from '../testing/webhook-receiver';
import { deliveryIdFor } from '../threading/thread-keys';
import { StaffNoticePolicy } from './staff-notice.policy';

const python = aiosmtpdPython();
if (!python) console.warn('SKIP e-mailed staff notices: python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)');

const SECRETS = { acme: 'acme-signing-secret-0001', globex: 'globex-signing-secret-01' };

/**
 * Notices to staff leave the platform: routing's and resolution's notices, appended as those
 * services do, reach each tenant's own signed staff webhook or the person's address on a real SMTP
 * server; a redelivered notice sends nothing more; a notice without destination is recorded as
 * undeliverable, with the reason, and never attempted.
 */
describe('intake staff notices (embedded runtime, real webhook receivers and aiosmtpd)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  let smtp: SmtpSink | null = null;
  const hooks: Record<'acme' | 'globex', HookReceiver> = {} as never;

  /** Appends a notice the way routing and resolution do (own stream, no_stream) and returns it as stored. */
  async function notify(tenantId: string, type: 'RoutingNoticeSent' | 'ResolutionNoticeSent', data: Record<string, unknown>): Promise<EventEnvelope> {
    const ticketId = data.ticketId as string;
    const category = type === 'RoutingNoticeSent' ? RoutingNoticeSent.streamCategory : ResolutionNoticeSent.streamCategory;
    const stream = streamId(category, `${ticketId}.${data.kind}.${uuidv7()}`);
    const event: NewEvent = { type, schemaVersion: 1, tenantId, actor: { kind: 'service', id: type === 'RoutingNoticeSent' ? 'routing' : 'resolution' }, correlationId: uuidv7(), causationId: null, occurredAt: new Date().toISOString(), data };
    await app.runtime.store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    const [stored] = await app.runtime.store.readStream(stream);
    return stored;
  }
  const deliveryOf = (notice: EventEnvelope) => app.runtime.store.readStream(streamId('delivery', deliveryIdFor(notice.tenantId, notice.eventId)));
  const callsFor = (hook: HookReceiver, notice: EventEnvelope) => hook.calls.filter((c) => c.headers[DELIVERY_HEADER.toLowerCase()] === deliveryIdFor(notice.tenantId, notice.eventId));
  const settle = <T>(what: () => Promise<T | undefined | false>, description: string) => eventually(what, { timeoutMs: 20_000, intervalMs: 50, description });

  beforeAll(async () => {
    hooks.acme = await hookReceiver();
    hooks.globex = await hookReceiver({ failFirst: 1 }); // busy at the first attempt of each delivery
    if (python) smtp = await startSmtpSink(python);
    // No deployment default for staff notices: what is not configured per tenant has no destination.
    app = await startIntakeApp({
      INTAKE_SECRETS_KEY: 'test-secrets-key-0123456789-abcdefghij',
      INTAKE_DELIVERY_POLL_MS: '50',
      INTAKE_DELIVERY_BACKOFF_MS: '50',
      INTAKE_MAIL_FROM: 'support@acme.example',
      ...(smtp ? { INTAKE_SMTP_URL: smtp.url } : {}),
    });
    http = request(app.running.httpUrl);
    await http
      .put('/channels/settings')
      .set('X-Api-Key', INTAKE_KEYS.admin)
      .send({
        webhook: { endpoints: [], secret: SECRETS.acme },
        staffNotices: { webhookUrl: hooks.acme.url, supervisorsEmail: null, directory: [{ recipientId: 'agent-7', email: 'jane.doe@acme.example' }] },
        reason: 'SLA notices to the team bridge, personal ones by mail',
      })
      .expect(200);
    await http
      .put('/channels/settings')
      .set('X-Api-Key', INTAKE_KEYS.otherAdmin)
      .send({ webhook: { endpoints: [], secret: SECRETS.globex }, staffNotices: { webhookUrl: hooks.globex.url } })
      .expect(200);
    for (const key of [INTAKE_KEYS.admin, INTAKE_KEYS.otherAdmin]) {
      await settle(async () => (await http.get('/channels/settings').set('X-Api-Key', key).expect(200)).body.staffNotices?.webhookUrl, 'staff-notice settings projected');
    }
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await Promise.all(Object.values(hooks).map((h) => h?.close()));
  });

  it('shows the staff-notice settings without secrets, and answers bad staff-notice input with problem+json naming the fields', async () => {
    const { body } = await http.get('/channels/settings').set('X-Api-Key', INTAKE_KEYS.admin).expect(200);
    expect(body.staffNotices).toEqual({ webhookUrl: hooks.acme.url, supervisorsEmail: null, directory: [{ recipientId: 'agent-7', email: 'jane.doe@acme.example' }] });
    expect(JSON.stringify(body)).not.toContain(SECRETS.acme);
    const bad = await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.admin).send({ staffNotices: { webhookUrl: 'ftp://x', supervisorsEmail: 'nope' } }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['staffNotices.webhookUrl', 'staffNotices.supervisorsEmail']));
  });

  it("an SLA breach to the supervisors reaches the tenant's own staff webhook, signed with its secret; the other tenant's receiver sees none of it", async () => {
    const ticketId = uuidv7();
    const breach = await notify('acme', 'RoutingNoticeSent', {
      ticketId,
      kind: 'sla_breach',
      target: 'first_response',
      recipientRole: 'supervisor',
      recipientId: null,
      escalationLevel: 2,
      reason: 'first response target of 60 minutes breached',
    });
    const [call] = await settle(async () => callsFor(hooks.acme, breach).length > 0 && callsFor(hooks.acme, breach), 'acme staff webhook called');
    const timestamp = String(call.headers[TIMESTAMP_HEADER.toLowerCase()]);
    expect(call.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signWebhook(SECRETS.acme, timestamp, call.body));
    expect(call.headers[SIGNATURE_HEADER.toLowerCase()]).not.toBe(signWebhook(SECRETS.globex, timestamp, call.body));
    const payload = JSON.parse(call.body);
    expect(payload).toMatchObject({
      type: 'staff_notice',
      tenantId: 'acme',
      ticketId,
      notice: { eventId: breach.eventId, eventType: 'RoutingNoticeSent', kind: 'sla_breach', target: 'first_response', recipientRole: 'supervisor', recipientId: null, escalationLevel: 2 },
    });
    expect(payload.text).toContain('first response target of 60 minutes breached');
    expect(callsFor(hooks.globex, breach)).toEqual([]);

    const types = await settle(async () => {
      const events = (await deliveryOf(breach)).map((e) => e.type);
      return events.includes('MessageDelivered') && events;
    }, 'delivery recorded');
    expect(types).toEqual(['StaffNoticeRequested', 'DeliveryAttempted', 'MessageDelivered']);

    // Redelivered (the bus is at-least-once): nothing new on the stream, nothing due, nothing sent.
    await app.running.app.get(StaffNoticePolicy).handle(breach);
    await app.runtime.bus.publish([breach]);
    expect(await app.running.app.get(DeliveryWorker).runDue()).toBe(0);
    expect((await deliveryOf(breach)).map((e) => e.type)).toEqual(types);
    expect(callsFor(hooks.acme, breach)).toHaveLength(1);
  });

  it("the other tenant's overdue-collaboration notice goes to its own endpoint, signed with its own secret, retried while it is busy", async () => {
    const overdue = await notify('globex', 'ResolutionNoticeSent', {
      ticketId: uuidv7(),
      kind: 'collaboration_overdue',
      target: 'task-42',
      recipientRole: 'department_lead',
      recipientId: 'lead-warehouse',
      escalationLevel: 1,
      reason: 'warehouse task task-42 is past its due time',
    });
    const types = await settle(async () => {
      const events = (await deliveryOf(overdue)).map((e) => e.type);
      return events.includes('MessageDelivered') && events;
    }, 'delivered after a retry');
    // The receiver was busy once: retried with backoff, same delivery id, then delivered.
    expect(types).toEqual(['StaffNoticeRequested', 'DeliveryAttempted', 'DeliveryAttempted', 'MessageDelivered']);
    const calls = callsFor(hooks.globex, overdue);
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map((c) => ({ ...JSON.parse(c.body), sentAt: null }));
    expect(second).toEqual(first);
    const call = calls[1];
    expect(call.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signWebhook(SECRETS.globex, String(call.headers[TIMESTAMP_HEADER.toLowerCase()]), call.body));
    expect(JSON.parse(call.body)).toMatchObject({ tenantId: 'globex', notice: { eventType: 'ResolutionNoticeSent', kind: 'collaboration_overdue', recipientId: 'lead-warehouse' } });
    expect(callsFor(hooks.acme, overdue)).toEqual([]);
  });

  (python ? it : it.skip)('a notice to a person in the directory is mailed to them over SMTP, once, without a ticket reference that would thread it', async () => {
    const submitted = await http
      .post('/messages')
      .set('X-Api-Key', INTAKE_KEYS.customer)
      .send({ channel: 'chat', customerHandle: 'li.wei', text: 'Where is my parcel?' })
      .expect(201);
    const ticketId = submitted.body.ticketId as string;
    const escalation = await notify('acme', 'RoutingNoticeSent', {
      ticketId,
      kind: 'escalation',
      target: 'resolution',
      recipientRole: 'senior',
      recipientId: 'agent-7',
      escalationLevel: 1,
      reason: 'resolution target breached; escalated to a senior agent',
    });
    const raw = await settle(async () => smtp!.messages().find((m) => m.toString().includes(deliveryIdFor('acme', escalation.eventId))), 'staff mail at aiosmtpd');
    const mail = await simpleParser(raw);
    expect(mail.to).toMatchObject({ text: 'jane.doe@acme.example' });
    expect(mail.subject).toBe(`Escalation: ticket ${ticketId.slice(0, 8)} (resolution)`);
    expect(mail.subject).not.toMatch(/\[#/);
    expect(mail.messageId).toBe(`<notice.${deliveryIdFor('acme', escalation.eventId)}@acme.example>`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('escalated to a senior agent');
    expect(callsFor(hooks.acme, escalation)).toEqual([]);

    // The agent sees it beside the ticket's customer deliveries.
    const deliveries = await settle(async () => {
      const { body } = await http.get(`/tickets/${ticketId}/deliveries`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
      const staff = body.deliveries.filter((d: { channel: string }) => d.channel === 'staff');
      return staff.length > 0 && staff[0].status === 'delivered' && staff;
    }, 'staff delivery listed as delivered');
    expect(deliveries).toMatchObject([{ kind: 'escalation', transport: 'smtp', attempts: 1 }]);

    const before = smtp!.messages().length;
    await app.running.app.get(StaffNoticePolicy).handle(escalation);
    expect(await app.running.app.get(DeliveryWorker).runDue()).toBe(0);
    expect(smtp!.messages()).toHaveLength(before);
  });

  it('a notice with no destination anywhere is recorded as undeliverable with the reason, once, and never attempted', async () => {
    const notice = await notify('initech', 'RoutingNoticeSent', {
      ticketId: uuidv7(),
      kind: 'sla_warning',
      target: 'first_response',
      recipientRole: 'assignee',
      recipientId: 'agent-3',
      escalationLevel: 0,
      reason: '75% of the first response target used',
    });
    const events = await settle(async () => {
      const written = await deliveryOf(notice);
      return written.length > 0 && written;
    }, 'undeliverable recorded');
    expect(events).toHaveLength(1);
    const [undeliverable] = events;
    if (!StaffNoticeUndeliverable.is(undeliverable)) throw new Error(`expected StaffNoticeUndeliverable, got ${undeliverable.type}`);
    expect(undeliverable.data).toMatchObject({ kind: 'sla_warning', recipientRole: 'assignee', recipientId: 'agent-3', sourceEventId: notice.eventId });
    expect(undeliverable.data.reason).toMatch(/no staff-notice destination: no address for assignee agent-3/);
    expect(undeliverable.data.reason).toContain('INTAKE_STAFF_WEBHOOK_URL');

    await app.running.app.get(StaffNoticePolicy).handle(notice);
    expect(await app.running.app.get(DeliveryWorker).runDue()).toBe(0);
    expect(await deliveryOf(notice)).toHaveLength(1);
  });
});
