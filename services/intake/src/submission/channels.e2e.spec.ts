import fc from 'fast-check';
import request from 'supertest';
import type { TicketDetails } from '../tickets.service';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';

/** The submit API over HTTP on the embedded runtime: opening, threading, dedupe, follow-ups, bad input. */
describe('intake channels in (embedded runtime, HTTP)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  const submit = (body: object, key = INTAKE_KEYS.customer) => http.post('/messages').set('X-Api-Key', key).send(body);
  const ticket = async (ticketId: string): Promise<TicketDetails> =>
    (await http.get(`/tickets/${ticketId}`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200)).body;
  const types = (t: TicketDetails) => t.history.map((e) => e.type).filter((type) => type === 'TicketOpened' || type === 'CustomerMessageReceived' || type === 'TicketReopened');

  beforeAll(async () => {
    app = await startIntakeApp();
    http = request(app.running.httpUrl);
  });
  afterAll(async () => app?.stop());

  it('threads a chat session onto one ticket and never stores a retried message twice', async () => {
    const first = await submit({ channel: 'chat', channelMessageId: 'c1-m1', conversationId: 'session-1', customerHandle: 'app-user-7', text: 'Hi, my parcel is late' }).expect(201);
    expect(first.body).toMatchObject({ outcome: 'opened', previousTicketId: null });
    const second = await submit({ channel: 'chat', channelMessageId: 'c1-m2', conversationId: 'session-1', customerHandle: 'app-user-7', text: 'Order SO-7' }).expect(200);
    expect(second.body).toMatchObject({ ticketId: first.body.ticketId, outcome: 'appended' });
    const retry = await submit({ channel: 'chat', channelMessageId: 'c1-m2', conversationId: 'session-1', customerHandle: 'app-user-7', text: 'Order SO-7' }).expect(200);
    expect(retry.body).toMatchObject({ ticketId: first.body.ticketId, outcome: 'duplicate' });
    const openingRetry = await submit({ channel: 'chat', channelMessageId: 'c1-m1', conversationId: 'session-1', customerHandle: 'app-user-7', text: 'Hi, my parcel is late' }).expect(200);
    expect(openingRetry.body).toMatchObject({ ticketId: first.body.ticketId, outcome: 'duplicate' });

    const stored = await ticket(first.body.ticketId);
    expect(types(stored)).toEqual(['TicketOpened', 'CustomerMessageReceived']);
    const opened = stored.history[0].data as Record<string, unknown>;
    // SLA class and tier travel on the ticket for routing.
    expect(opened).toMatchObject({ channel: 'chat', channelClass: 'instant', customerTier: 'regular', subject: 'Hi, my parcel is late' });
  });

  it('uses the Idempotency-Key when the channel gives no message id', async () => {
    const body = { channel: 'app', customerHandle: 'app-user-8', subject: 'Feedback', text: 'The app crashes on checkout' };
    const first = await submit(body).set('Idempotency-Key', 'fb-1').expect(201);
    const retry = await submit(body).set('Idempotency-Key', 'fb-1').expect(200);
    expect(retry.body).toMatchObject({ ticketId: first.body.ticketId, outcome: 'duplicate' });
    expect(first.body.ticketReference).toBe(`[#${first.body.ticketId.slice(0, 8)}]`);
  });

  it('opens one ticket for simultaneous first messages of one session', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => submit({ channel: 'chat', channelMessageId: `race-${n}`, conversationId: 'session-race', customerHandle: 'u-race', text: `message ${n}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.ticketId)).size).toBe(1);
    expect(types(await ticket(results[0].body.ticketId))).toEqual(['TicketOpened', 'CustomerMessageReceived', 'CustomerMessageReceived', 'CustomerMessageReceived']);
  });

  it('threads other channels by handle, reopens within the window and opens a linked follow-up outside it', async () => {
    const first = await submit({ channel: 'webform', channelMessageId: 'wf-1', customerHandle: 'Mia@Example.com', subject: 'Refund', text: 'Where is my refund?' }).expect(201);
    const ticketId = first.body.ticketId;
    const again = await submit({ channel: 'webform', channelMessageId: 'wf-2', customerHandle: 'mia@example.com', text: 'Still waiting' }).expect(200);
    expect(again.body).toMatchObject({ ticketId, outcome: 'appended' });

    await app.command(ticketId, { type: 'ResolveTicket', data: { resolutionCode: 'refunded', summary: 'refund sent', resolvedBy: 'agent-1' } });
    const reopened = await submit({ channel: 'webform', channelMessageId: 'wf-3', customerHandle: 'mia@example.com', text: 'Not received' }).expect(200);
    expect(reopened.body).toMatchObject({ ticketId, outcome: 'reopened' });
    expect((await ticket(ticketId)).state.status).not.toBe('resolved');

    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    await app.command(ticketId, { type: 'ResolveTicket', data: { resolutionCode: 'refunded', summary: 'refund sent again', resolvedBy: 'agent-1' } }, { now: eightDaysAgo });
    const followUp = await submit({ channel: 'webform', channelMessageId: 'wf-4', customerHandle: 'mia@example.com', text: 'A new question' }).expect(201);
    expect(followUp.body).toMatchObject({ outcome: 'follow_up_opened', previousTicketId: ticketId });
    expect(followUp.body.ticketId).not.toBe(ticketId);
    const next = await submit({ channel: 'webform', channelMessageId: 'wf-5', customerHandle: 'mia@example.com', text: 'and more' }).expect(200);
    expect(next.body).toMatchObject({ ticketId: followUp.body.ticketId, outcome: 'appended' });
    expect((await ticket(ticketId)).state.status).toBe('resolved');
  });

  it("keeps tenants apart: the same session id of another tenant is another conversation", async () => {
    const acme = await submit({ channel: 'chat', channelMessageId: 't-1', conversationId: 'shared-session', customerHandle: 'x', text: 'acme' }).expect(201);
    const globex = await submit({ channel: 'chat', channelMessageId: 't-1', conversationId: 'shared-session', customerHandle: 'x', text: 'globex' }, INTAKE_KEYS.otherCustomer).expect(201);
    expect(globex.body.ticketId).not.toBe(acme.body.ticketId);
    await http.get(`/tickets/${acme.body.ticketId}`).set('X-Api-Key', INTAKE_KEYS.otherAgent).expect(404);
    await http.get(`/tickets/${acme.body.ticketId}/deliveries`).set('X-Api-Key', INTAKE_KEYS.otherAgent).expect(404);
  });

  it.each([
    ['an unknown channel', { channel: 'pigeon', customerHandle: 'x', text: 'hi' }, 'channel'],
    ['a missing text', { channel: 'chat', customerHandle: 'x' }, 'text'],
    ['a missing handle', { channel: 'chat', text: 'hi' }, 'customerHandle'],
    ['an oversized attachment', { channel: 'app', customerHandle: 'x', text: 'see file', attachments: [{ url: 'https://f.example/a.mp4', filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 26 * 1024 * 1024 }] }, 'attachments.0.sizeBytes'],
    ['an oversized text', { channel: 'chat', customerHandle: 'x', text: 'x'.repeat(50_001) }, 'text'],
  ])('refuses %s with problem+json naming the field, writing nothing', async (_, body, field) => {
    const before = (await app.runtime.store.readAll({ maxCount: 100_000 })).length;
    const response = await submit(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await app.runtime.store.readAll({ maxCount: 100_000 })).length).toBe(before);
  });

  it('refuses a body over the size limit with 413 and keeps serving', async () => {
    const response = await http.post('/messages').set('X-Api-Key', INTAKE_KEYS.customer).set('Content-Type', 'application/json').send(`{"text":"${'x'.repeat(2_000_000)}"}`);
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    await submit({ channel: 'chat', customerHandle: 'after-413', text: 'still up' }).expect(201);
  });

  it('answers random payloads with 2xx or 4xx, never 5xx, and keeps serving (fast-check)', async () => {
    const anyJson = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const payload = fc.record(
      {
        channel: fc.oneof(fc.constantFrom('chat', 'app', 'email', 'social', 'webform', 'hotline'), anyJson),
        channelMessageId: fc.oneof(fc.string({ maxLength: 30 }), anyJson),
        conversationId: fc.oneof(fc.string({ maxLength: 30 }), anyJson),
        customerHandle: fc.oneof(fc.string({ maxLength: 40 }), anyJson),
        customerTier: fc.oneof(fc.constantFrom('regular', 'vip'), anyJson),
        subject: fc.oneof(fc.string({ maxLength: 60 }), anyJson),
        text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), anyJson),
        orderNumber: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
        language: fc.oneof(fc.constantFrom('en', 'zh-CN', 'x'), anyJson),
        attachments: fc.oneof(
          fc.array(fc.record({ url: fc.oneof(fc.webUrl(), anyJson), filename: anyJson, contentType: fc.oneof(fc.constant('image/png'), anyJson), sizeBytes: fc.oneof(fc.integer(), anyJson) }, { requiredKeys: [] }), { maxLength: 3 }),
          anyJson,
        ),
        extra: anyJson,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(payload, fc.option(fc.string({ minLength: 1, maxLength: 300 })), async (body, key) => {
        const call = http.post('/messages').set('X-Api-Key', INTAKE_KEYS.customer);
        if (key !== null && /^[\x20-\x7e]*$/.test(key)) call.set('Idempotency-Key', key);
        const response = await call.send(body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: 150 },
    );
    await submit({ channel: 'chat', customerHandle: 'after-fuzz', text: 'still up' }).expect(201);
  });

  it('lists the opened tickets in the ticket list (projection)', async () => {
    await eventually(async () => {
      const { body } = await http.get('/tickets').set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
      return body.total >= 5 ? body : undefined;
    });
  });
});
