import request from 'supertest';
import { streamId } from '@ticketing/contracts';
import { eventually } from '@ticketing/eventstore/testing';
import { CompensationIssuer } from './compensating/compensation-issuer';
import { signToken } from '@ticketing/platform';
import { JWT_SECRET, KEYS, startResolutionApp, startShop, typesOf, type ResolutionApp, type Shop } from './testing/resolution-app';
import { EscalationNotifier } from './notifications/escalation-notifier';
import { ResolutionTimers } from './timers/resolution-timers';

/** Resolution over HTTP on embedded PGlite with its relay and read models, as a client uses it. */
describe('resolution service over HTTP', () => {
  let app: ResolutionApp;
  let http: ReturnType<typeof request>;
  let shop: Shop;
  const as = (key: string) => ({ 'X-Api-Key': key });
  const history = async (ticketId: string) => app.runtime.store.readStream(streamId('ticket', ticketId));

  beforeAll(async () => {
    shop = await startShop();
    app = await startResolutionApp({}, { COMPENSATION_GATEWAY_URL: shop.url, ORDER_LOOKUP_URL: shop.ordersUrl, ORDER_LOOKUP_TIMEOUT_MS: '400' });
    http = request(app.running.httpUrl);
  });
  afterAll(async () => {
    await app?.stop();
    await shop?.close();
  });

  it('replies with a default macro: fills order fields, tags, categorises and resolves in one append', async () => {
    const ticketId = await app.openTicket();
    const { body: macros } = await http.get('/macros').set(as(KEYS.agent)).expect(200);
    expect(macros.macros.map((m: { macroId: string }) => m.macroId)).toEqual(expect.arrayContaining([
      'default.order-status', 'default.logistics-tracking', 'default.return-exchange-policy', 'default.payment-problem',
      'default.wrong-item', 'default.missing-item', 'default.quality-problem', 'default.cancel-after-shipment',
    ]));
    const missing = await http.post(`/tickets/${ticketId}/replies`).set(as(KEYS.agent)).send({ macroId: 'default.logistics-tracking', fields: { carrier: 'DHL' } }).expect(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([{ field: 'fields.trackingNumber', message: expect.stringContaining('order.trackingNumber') }]);
    expect(await history(ticketId)).toHaveLength(2); // nothing written

    const done = await http
      .post(`/tickets/${ticketId}/replies`)
      .set(as(KEYS.agent))
      .set('If-Match', '"1"')
      .send({ macroId: 'default.logistics-tracking', fields: { carrier: 'DHL', trackingNumber: '1Z999' } })
      .expect(201);
    expect(done.body).toMatchObject({ status: 'resolved', revision: 5 });
    const events = await history(ticketId);
    expect(typesOf(events).slice(2)).toEqual(['AgentReplied', 'TicketTagsChanged', 'TicketReclassified', 'TicketResolved']);
    expect(events[2].data).toMatchObject({ text: 'Your order SO-1001 was handed to DHL; tracking number 1Z999.' });
    expect(events[5].data).toMatchObject({ resolutionCode: 'answered', firstContactResolution: true });
    await http.post(`/tickets/${ticketId}/replies`).set(as(KEYS.agent)).send({ macroId: 'no-such-macro' }).expect(400);
  });

  it("fills {{order.*}} from the shop's order API; fields in the request override it; a shop that is down or slow is a 503 naming it, nothing written", async () => {
    const ticketId = await app.openTicket({ orderNumber: 'SO-2002' });
    const reply = (fields?: Record<string, string>) =>
      http.post(`/tickets/${ticketId}/replies`).set(as(KEYS.agent)).send({ macroId: 'default.order-status', ...(fields ? { fields } : {}) });

    shop.ordersDown = true;
    const down = await reply().expect(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.body.detail).toMatch(/order system is unavailable: it answered HTTP 503/);
    shop.ordersDown = false;
    shop.ordersDelayMs = 1_500;
    const slow = await reply().expect(503);
    expect(slow.body.detail).toMatch(/no answer within 400 ms/);
    shop.ordersDelayMs = 0;
    expect(await history(ticketId)).toHaveLength(2); // nothing written

    const lookupsBefore = shop.orderLookups.length;
    await reply().expect(201);
    expect(shop.orderLookups.slice(lookupsBefore)).toEqual([{ orderNumber: 'SO-2002', tenant: 'acme' }]);
    expect((await history(ticketId))[2].data).toMatchObject({ text: 'Your order SO-2002 is currently "shipped". We will let you know as soon as it changes.' });

    // The agent's own value wins over the shop's, and a macro fully given needs no lookup (the shop may be down).
    shop.ordersDown = true;
    const lookupsNow = shop.orderLookups.length;
    await reply({ status: 'out for delivery' }).expect(201);
    shop.ordersDown = false;
    expect(shop.orderLookups.length).toBe(lookupsNow);
    expect((await history(ticketId)).at(-1)?.data).toMatchObject({ text: expect.stringContaining('"out for delivery"') });
    const tracking = await http.post(`/tickets/${ticketId}/replies`).set(as(KEYS.agent)).send({ macroId: 'default.logistics-tracking', fields: { carrier: 'DHL' } }).expect(201);
    expect(tracking.body.status).toBe('resolved');
    const resolvedWith = (await history(ticketId)).find((e) => e.type === 'AgentReplied' && (e.data as { text: string }).text.includes('tracking number'));
    expect(resolvedWith?.data).toMatchObject({ text: 'Your order SO-2002 was handed to DHL; tracking number 1Z-SHOP-2002.' });
  });

  it('lets a tenant manage macros, validating templates', async () => {
    await http.put('/macros/delay').set(as(KEYS.supervisor)).send({ name: 'Delay', body: 'Sorry, {{customerName}}' }).expect(400);
    await http.put('/macros/delay').set(as(KEYS.agent)).send({ name: 'Delay', body: 'x' }).expect(403);
    await http.put('/macros/delay').set(as(KEYS.supervisor)).send({ name: 'Delay', body: 'Order {{ticket.orderNumber}} is late.', addTags: ['delay'] }).expect(200);
    await http.delete('/macros/default.payment-problem').set(as(KEYS.supervisor)).expect(204);
    const { body } = await http.get('/macros').set(as(KEYS.agent)).expect(200);
    const ids = body.macros.map((m: { macroId: string }) => m.macroId);
    expect(ids).toContain('delay');
    expect(ids).not.toContain('default.payment-problem');
    const other = await http.get('/macros').set(as(KEYS.globexAdmin)).expect(200);
    expect(other.body.macros.map((m: { macroId: string }) => m.macroId)).toContain('default.payment-problem');
  });

  it('asks the customer (pending_customer, resolution SLA paused) and resumes on their answer', async () => {
    const ticketId = await app.openTicket();
    await app.command(ticketId, (m) => ({ type: 'StartSlaClock', ticketId, metadata: m, data: { target: 'resolution', policyId: 'p', dueAt: new Date(Date.now() + 86_400_000).toISOString(), warnAt: new Date(Date.now() + 80_000_000).toISOString() } }));
    const asked = await http.post(`/tickets/${ticketId}/info-requests`).set(as(KEYS.agent)).send({ text: 'Photo of the label?', requestedFields: ['photo'] }).expect(201);
    expect(asked.body.status).toBe('pending_customer');
    expect(typesOf(await history(ticketId)).slice(-2)).toEqual(['CustomerInfoRequested', 'SlaClockPaused']);
    await app.command(ticketId, (m) => ({ type: 'ReceiveCustomerMessage', ticketId, metadata: m, data: { messageId: 'm-9', channel: 'email', channelMessageId: '<x>', text: 'Here it is', attachments: [] } }), { kind: 'customer', id: 'cust-1' });
    const events = await history(ticketId);
    expect(typesOf(events).slice(-2)).toEqual(['CustomerMessageReceived', 'SlaClockResumed']);
  });

  it('runs a collaboration task with a department, which escalates once when overdue', async () => {
    const ticketId = await app.openTicket();
    const unknown = await http.post(`/tickets/${ticketId}/collaborations`).set(as(KEYS.agent)).send({ department: 'marketing', question: 'q' }).expect(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'department', message: expect.stringContaining('unknown department') });
    const dueAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const opened = await http.post(`/tickets/${ticketId}/collaborations`).set(as(KEYS.agent)).send({ department: 'warehouse', question: 'Was it scanned out?', dueAt }).expect(201);
    expect(opened.body).toMatchObject({ status: 'pending_third_party', dueAt });
    const task = opened.body.collaborationId;
    await http.post(`/tickets/${ticketId}/collaborations/${task}/accept`).set(as(KEYS.warehouse)).expect(200);
    await http.post(`/tickets/${ticketId}/collaborations/${task}/comments`).set(as(KEYS.warehouse)).send({ text: 'Checking the logs' }).expect(201);
    const queue = await eventually(async () => {
      const { body } = await http.get('/collaboration-tasks?department=warehouse').set(as(KEYS.warehouse)).expect(200);
      return body.tasks.find((t: { collaborationId: string; state: string }) => t.collaborationId === task && t.state === 'accepted');
    });
    expect(queue.dueAt).toBe(dueAt);

    const timers = app.running.app.get(ResolutionTimers);
    expect((await timers.sweep(new Date())).escalated).not.toContain(task); // not due yet
    const later = new Date(Date.now() + 2 * 60 * 60_000);
    expect((await timers.sweep(later)).escalated).toEqual([task]);
    await eventually(async () => ((await timers.sweep(later)).escalated.length === 0 ? true : undefined)); // once
    expect(typesOf(await history(ticketId)).filter((t) => t === 'CollaborationOverdue')).toHaveLength(1);
    const { body: list } = await http.get('/work-list').set(as(KEYS.supervisor)).expect(200);
    expect(list.overdue.map((e: { ticketId: string }) => e.ticketId)).toContain(ticketId);
    // No escalation contact in the department: every supervisor is notified.
    const notice = await eventually(async () => {
      const { body } = await http.get('/notifications').set(as(KEYS.supervisor)).expect(200);
      return body.notifications.find((n: { target: string }) => n.target === task);
    });
    expect(notice).toMatchObject({ ticketId, source: 'resolution', kind: 'collaboration_overdue', recipientRole: 'supervisor', recipientId: null, readAt: null });

    const completed = await http.post(`/tickets/${ticketId}/collaborations/${task}/complete`).set(as(KEYS.warehouse)).send({ outcome: 'Scanned out Monday' }).expect(200);
    expect(completed.body.status).toBe('open');
    await http.post(`/tickets/${ticketId}/collaborations/${task}/decline`).set(as(KEYS.warehouse)).send({ reason: 'x' }).expect(409);
  });

  it('notifies the department lead of an overdue task and the supervisors of a broken promise, once each; inboxes are per caller', async () => {
    const { body: settings } = await http.get('/resolution-settings').set(as(KEYS.admin)).expect(200);
    const departments = settings.departments.map((d: { department: string }) => (d.department === 'warehouse' ? { ...d, escalationContact: 'wh-7' } : d));
    await http.put('/resolution-settings').set(as(KEYS.admin)).send({ ...settings, departments, reason: 'warehouse lead named' }).expect(200);
    const timers = app.running.app.get(ResolutionTimers);

    const ticketId = await app.openTicket();
    const opened = await http.post(`/tickets/${ticketId}/collaborations`).set(as(KEYS.agent)).send({ department: 'warehouse', question: 'Scanned?', dueAt: new Date(Date.now() + 60 * 60_000).toISOString() }).expect(201);
    const task = opened.body.collaborationId;
    await eventually(async () => {
      const { body } = await http.get('/collaboration-tasks?department=warehouse').set(as(KEYS.warehouse)).expect(200);
      return body.tasks.some((t: { collaborationId: string }) => t.collaborationId === task) ? true : undefined;
    });
    expect((await timers.sweep(new Date(Date.now() + 2 * 60 * 60_000))).escalated).toContain(task);
    const overdue = (await history(ticketId)).find((e) => e.type === 'CollaborationOverdue')!;
    expect(overdue.data).toMatchObject({ collaborationId: task, escalatedTo: 'wh-7' });
    const forLead = await eventually(async () => {
      const { body } = await http.get('/notifications').set(as(KEYS.warehouse)).expect(200);
      return body.notifications.find((n: { target: string }) => n.target === task);
    });
    expect(forLead).toMatchObject({ ticketId, kind: 'collaboration_overdue', recipientRole: 'department_lead', recipientId: 'wh-7', escalationLevel: 1, reason: expect.stringContaining('warehouse task') });
    await app.running.app.get(EscalationNotifier).handle(overdue); // redelivered: no second notice
    const notices = await app.runtime.store.readAll({ categories: ['resolutionnotice'], maxCount: 1000 });
    expect(notices.filter((e) => (e.data as { target: string }).target === task)).toHaveLength(1);
    for (const key of [KEYS.agent2, KEYS.supervisor, KEYS.globexAdmin]) {
      const { body } = await http.get('/notifications').set(as(key)).expect(200);
      expect(body.notifications.map((n: { target: string }) => n.target)).not.toContain(task);
    }

    const promised = await app.openTicket();
    await http.post(`/tickets/${promised}/progress-updates`).set(as(KEYS.agent)).send({ text: 'By tonight', expectedResolutionAt: new Date(Date.now() + 60_000).toISOString() }).expect(201);
    await eventually(async () => {
      const { body } = await http.get('/work-list').set(as(KEYS.agent)).expect(200);
      return body.assignedToMe.find((e: { ticketId: string; expectedResolutionAt: string | null }) => e.ticketId === promised && e.expectedResolutionAt) ? true : undefined;
    });
    const later = new Date(Date.now() + 5 * 60_000);
    expect((await timers.sweep(later)).promisesNotified).toContain(promised);
    expect((await timers.sweep(later)).promisesNotified).not.toContain(promised); // once per promise
    const forSupervisor = await eventually(async () => {
      const { body } = await http.get('/notifications?unread=true').set(as(KEYS.supervisor)).expect(200);
      return body.notifications.find((n: { ticketId: string }) => n.ticketId === promised);
    });
    expect(forSupervisor).toMatchObject({ kind: 'promise_overdue', recipientRole: 'supervisor', recipientId: null, reason: expect.stringContaining('assigned to agent-1') });
    const { body: agentInbox } = await http.get('/notifications').set(as(KEYS.agent)).expect(200);
    expect(agentInbox.notifications.map((n: { ticketId: string }) => n.ticketId)).not.toContain(promised);

    // Marking read is per reader: the supervisor's read leaves the manager's copy unread.
    const id = forSupervisor.notificationId;
    await http.post(`/notifications/${id}/read`).set(as(KEYS.agent2)).expect(404);
    await http.post(`/notifications/${id}/read`).set(as(KEYS.globexAdmin)).expect(404);
    await http.post('/notifications/not-a-uuid/read').set(as(KEYS.supervisor)).expect(400);
    await http.get('/notifications?unread=maybe').set(as(KEYS.supervisor)).expect(400);
    const read = await http.post(`/notifications/${id}/read`).set(as(KEYS.supervisor)).expect(200);
    expect(read.body).toEqual({ notificationId: id, readAt: expect.any(String) });
    await eventually(async () => {
      const { body } = await http.get('/notifications?unread=true').set(as(KEYS.supervisor)).expect(200);
      return body.notifications.some((n: { notificationId: string }) => n.notificationId === id) ? undefined : true;
    });
    await http.post(`/notifications/${id}/read`).set(as(KEYS.supervisor)).expect(200); // again: no second event
    expect((await app.runtime.store.readAll({ categories: ['noticeread'], maxCount: 1000 })).filter((e) => (e.data as { noticeId: string }).noticeId === id)).toHaveLength(1);
    const { body: managerInbox } = await http.get('/notifications?unread=true').set(as(KEYS.manager)).expect(200);
    expect(managerInbox.notifications.find((n: { notificationId: string }) => n.notificationId === id)).toMatchObject({ readAt: null });
  });

  it('grants compensation within the proposer’s authority and routes the rest to the right approver', async () => {
    const ticketId = await app.openTicket();
    const coupon = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'coupon', amount: 1500, currency: 'EUR', reason: 'Late' }).expect(201);
    expect(coupon.body).toMatchObject({ compensationStatus: 'approved', approverLevel: null });
    // 15.00 + 10.00 > the agent's 20.00 per ticket: a supervisor must approve.
    const second = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'coupon', amount: 1000, currency: 'EUR', reason: 'Late again' }).expect(201);
    expect(second.body).toMatchObject({ compensationStatus: 'pending', approverLevel: 'supervisor' });
    await http.post(`/tickets/${ticketId}/compensations/${second.body.compensationId}/approve`).set(as(KEYS.agent)).send({ reason: 'mine' }).expect(403);
    await http.post(`/tickets/${ticketId}/compensations/${second.body.compensationId}/approve`).set(as(KEYS.supervisor)).send({ reason: 'Loyal customer' }).expect(200);

    const refund = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'partial_refund', amount: 30_000, currency: 'EUR', reason: 'Broken' }).expect(201);
    expect(refund.body).toMatchObject({ compensationStatus: 'pending', approverLevel: 'manager' });
    const denied = await http.post(`/tickets/${ticketId}/compensations/${refund.body.compensationId}/approve`).set(as(KEYS.supervisor)).send({ reason: 'ok' }).expect(403);
    expect(denied.body.detail).toMatch(/a manager must decide/);
    await http.post(`/tickets/${ticketId}/compensations/${refund.body.compensationId}/reject`).set(as(KEYS.admin)).send({ reason: 'Photos show no damage' }).expect(200);

    const before = (await history(ticketId)).length;
    const tooMuch = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'coupon', amount: 100_000, currency: 'EUR', reason: 'x' }).expect(409);
    expect(tooMuch.body.code).toBe('compensation_limit_exceeded');
    await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'points', amount: 10, currency: 'EUR', reason: 'x' }).expect(400);
    expect((await history(ticketId)).length).toBe(before);

    const events = await history(ticketId);
    const approval = events.find((e) => e.type === 'CompensationApproved' && (e.data as { compensationId: string }).compensationId === second.body.compensationId)!;
    expect(approval.actor).toEqual({ kind: 'supervisor', id: 'sup-1' });
    expect(approval.data).toMatchObject({ approverId: 'sup-1', reason: 'Loyal customer', autoApproved: false });
    const rejection = events.find((e) => e.type === 'CompensationRejected')!;
    expect(rejection.data).toMatchObject({ approverId: 'boss-1', reason: 'Photos show no damage' });
  });

  it('has a third tier: above the supervisor bound only a manager (API key or JWT) approves; within theirs a manager grants at once', async () => {
    const ticketId = await app.openTicket();
    const refund = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'full_refund', amount: 45_000, currency: 'EUR', reason: 'Never arrived' }).expect(201);
    expect(refund.body).toMatchObject({ compensationStatus: 'pending', approverLevel: 'manager' });
    const refused = await http.post(`/tickets/${ticketId}/compensations/${refund.body.compensationId}/approve`).set(as(KEYS.supervisor)).send({ reason: 'ok' }).expect(403);
    expect(refused.body.detail).toMatch(/a manager must decide/);
    // The manager's work list shows it waiting on them (a manager may do what a supervisor may); the supervisor's does not.
    const waiting = await eventually(async () => {
      const { body } = await http.get('/work-list').set(as(KEYS.manager)).expect(200);
      return body.waitingOnMe.find((e: { ticketId: string }) => e.ticketId === ticketId);
    });
    expect(waiting.reasons).toEqual([expect.stringContaining('awaits your approval')]);
    const { body: supervisors } = await http.get('/work-list').set(as(KEYS.supervisor)).expect(200);
    expect(supervisors.waitingOnMe.map((e: { ticketId: string }) => e.ticketId)).not.toContain(ticketId);
    const approved = await http.post(`/tickets/${ticketId}/compensations/${refund.body.compensationId}/approve`).set(as(KEYS.manager)).send({ reason: 'Carrier lost it' }).expect(200);
    expect(approved.headers.etag).toBe(`"${approved.body.revision}"`);
    const approval = (await history(ticketId)).find((e) => e.type === 'CompensationApproved')!;
    expect(approval).toMatchObject({ actor: { kind: 'supervisor', id: 'mgr-1' }, data: { approverId: 'mgr-1', reason: 'Carrier lost it', autoApproved: false } });

    const bearer = { Authorization: `Bearer ${signToken(JWT_SECRET, { tenant: 'acme', role: 'manager', sub: 'mgr-jwt' })}` };
    const own = await http.post(`/tickets/${ticketId}/compensations`).set(bearer).send({ kind: 'reship', amount: 60_000, currency: 'EUR', reason: 'Second parcel' }).expect(201);
    expect(own.body).toMatchObject({ compensationStatus: 'approved', approverLevel: null });
    const beyond = await http.post(`/tickets/${ticketId}/compensations`).set(bearer).send({ kind: 'coupon', amount: 60_000, currency: 'EUR', reason: 'x' }).expect(409);
    expect(beyond.body.code).toBe('compensation_limit_exceeded');
    await http.put('/resolution-settings').set(bearer).send({}).expect(403); // settings stay with admins
  });

  it('sends approved compensation to the shop once per key, through retries and duplicate deliveries', async () => {
    const ticketId = await app.openTicket();
    shop.failNext = 1; // the first attempt meets a shop outage and is retried on redelivery
    const granted = await http.post(`/tickets/${ticketId}/compensations`).set(as(KEYS.agent)).send({ kind: 'coupon', amount: 500, currency: 'EUR', reason: 'Sorry' }).expect(201);
    const key = `compensation:acme:${ticketId}:${granted.body.compensationId}`;
    const issued = await eventually(async () => (await history(ticketId)).find((e) => e.type === 'CompensationIssued'));
    expect(issued.data).toMatchObject({ idempotencyKey: key, outcome: 'issued', externalReference: shop.payments.get(key) });

    // The same approval delivered again, three times at once (at-least-once delivery): no second payment.
    const approved = (await history(ticketId)).find((e) => e.type === 'CompensationApproved')!;
    const issuer = app.running.app.get(CompensationIssuer);
    await Promise.all([issuer.handle(approved), issuer.handle(approved), issuer.handle(approved)]);
    const forKey = shop.requests.filter((r) => r.key === key);
    expect(forKey.length).toBeGreaterThanOrEqual(2); // the failed attempt and the successful one
    expect([...shop.payments.keys()].filter((k) => k === key)).toHaveLength(1);
    expect(forKey.every((r) => r.body.amount === 500 && r.body.currency === 'EUR')).toBe(true);
    expect(typesOf(await history(ticketId)).filter((t) => t === 'CompensationIssued')).toHaveLength(1);
  });

  it('lets one of two concurrent agents win; the other gets 409 with the current revision, nothing lost', async () => {
    const ticketId = await app.openTicket();
    const attempts = await Promise.all(
      [KEYS.agent, KEYS.agent2].map((key, i) => http.post(`/tickets/${ticketId}/notes`).set(as(key)).set('If-Match', '"1"').send({ text: `note ${i}` })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = attempts.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ status: 409, currentRevision: 2 });
    const retried = await http.post(`/tickets/${ticketId}/notes`).set(as(loser.request.getHeader?.('X-Api-Key') === KEYS.agent ? KEYS.agent : KEYS.agent2)).set('If-Match', `"${loser.body.currentRevision}"`).send({ text: 'after reload' }).expect(201);
    expect(retried.headers.etag).toBe('"3"');
    expect(typesOf(await history(ticketId)).filter((t) => t === 'InternalNoteAdded')).toHaveLength(2);
  });

  it('shows the timeline with actor and time; customers never see internal notes', async () => {
    const ticketId = await app.openTicket();
    await http.post(`/tickets/${ticketId}/notes`).set(as(KEYS.agent)).send({ text: '@sup-1 SECRET-NOTE' }).expect(201);
    await http.post(`/tickets/${ticketId}/replies`).set(as(KEYS.agent)).send({ text: 'On its way' }).expect(201);
    const staff = await eventually(async () => {
      const { body } = await http.get(`/tickets/${ticketId}/timeline`).set(as(KEYS.agent)).expect(200);
      return body.entries.length === 4 ? body : undefined;
    });
    expect(staff.entries.map((e: { type: string }) => e.type)).toEqual(['TicketOpened', 'TicketAssigned', 'InternalNoteAdded', 'AgentReplied']);
    expect(staff.entries[2]).toMatchObject({ actor: { kind: 'agent', id: 'agent-1' }, visibility: 'internal', occurredAt: expect.any(String) });
    const customer = await http.get(`/tickets/${ticketId}/timeline`).set(as(KEYS.customer)).expect(200);
    expect(customer.body.entries.map((e: { type: string }) => e.type)).toEqual(['TicketOpened', 'AgentReplied']);
    expect(JSON.stringify(customer.body)).not.toContain('SECRET-NOTE');
    await http.get(`/tickets/${ticketId}/timeline`).set(as(KEYS.globexAdmin)).expect(404);
  });

  it('reopens within the window, closes after the quiet period, and merges duplicates keeping both histories', async () => {
    const ticketId = await app.openTicket();
    await http.post(`/tickets/${ticketId}/resolve`).set(as(KEYS.agent)).send({ resolutionCode: 'answered', summary: 'Done' }).expect(200);
    const reopened = await http.post(`/tickets/${ticketId}/reopen`).set(as(KEYS.customer)).send({ reason: 'customer_request', note: 'Still broken' }).expect(200);
    expect(reopened.body.status).toBe('open');
    await http.post(`/tickets/${ticketId}/resolve`).set(as(KEYS.agent)).send({ resolutionCode: 'answered', summary: 'Done again' }).expect(200);
    const timers = app.running.app.get(ResolutionTimers);
    await eventually(async () => {
      const { body } = await http.get(`/tickets/${ticketId}/timeline`).set(as(KEYS.agent)).expect(200);
      return body.entries.at(-1)?.type === 'TicketResolved' && body.entries.length === 5 ? true : undefined;
    });
    expect((await timers.sweep(new Date())).closed).not.toContain(ticketId); // still in its quiet period
    const afterQuiet = new Date(Date.now() + 4 * 24 * 60 * 60_000);
    expect((await timers.sweep(afterQuiet)).closed).toContain(ticketId);
    expect((await history(ticketId)).at(-1)).toMatchObject({ type: 'TicketClosed', actor: { kind: 'system', id: 'resolution.timers' }, data: { reason: 'auto_after_resolution' } });

    const target = await app.openTicket();
    const duplicate = await app.openTicket();
    await http.post(`/tickets/${duplicate}/merge`).set(as(KEYS.agent)).send({ targetTicketId: '00000000-0000-7000-8000-000000000000', reason: 'x' }).expect(400);
    await http.post(`/tickets/${duplicate}/merge`).set(as(KEYS.agent)).send({ targetTicketId: target, reason: 'Same parcel' }).expect(200);
    expect((await history(duplicate)).at(-1)?.type).toBe('TicketMerged');
    expect((await history(target)).at(-1)?.data).toMatchObject({ sourceTicketId: duplicate, targetTicketId: target });
    const merged = await eventually(async () => {
      const { body } = await http.get(`/tickets/${target}/timeline`).set(as(KEYS.agent)).expect(200);
      return body.entries.some((e: { ticketId: string }) => e.ticketId === duplicate) ? body : undefined;
    });
    expect(new Set(merged.entries.map((e: { ticketId: string }) => e.ticketId))).toEqual(new Set([target, duplicate]));
  });

  it('serves the agent’s work list: assigned, waiting on me, past the promised time', async () => {
    const ticketId = await app.openTicket();
    const waiting = await eventually(async () => {
      const { body } = await http.get('/work-list').set(as(KEYS.agent)).expect(200);
      return body.waitingOnMe.find((e: { ticketId: string }) => e.ticketId === ticketId);
    });
    expect(waiting.reasons).toContain('customer awaits a reply');
    const soon = new Date(Date.now() + 60_000).toISOString();
    await http.post(`/tickets/${ticketId}/progress-updates`).set(as(KEYS.agent)).send({ text: 'Checking', expectedResolutionAt: new Date(Date.now() - 1000).toISOString() }).expect(422);
    await http.post(`/tickets/${ticketId}/progress-updates`).set(as(KEYS.agent)).send({ text: 'Checking', expectedResolutionAt: soon }).expect(201);
    const list = await eventually(async () => {
      const { body } = await http.get('/work-list').set(as(KEYS.agent)).expect(200);
      return body.assignedToMe.some((e: { ticketId: string }) => e.ticketId === ticketId) ? body : undefined;
    });
    expect(list.waitingOnMe.map((e: { ticketId: string }) => e.ticketId)).not.toContain(ticketId); // we spoke last
    expect(list.overdue.map((e: { ticketId: string }) => e.ticketId)).not.toContain(ticketId);
    const { body: other } = await http.get('/work-list').set(as(KEYS.agent2)).expect(200);
    expect(other.assignedToMe.map((e: { ticketId: string }) => e.ticketId)).not.toContain(ticketId);
  });
});
