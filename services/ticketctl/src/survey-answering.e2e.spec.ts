import request from 'supertest';
import { hookReceiver, type HookReceiver } from '@ticketing/intake/testing';
import { v7 as uuidv7 } from 'uuid';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { describeIf, postgresAvailability } from '@ticketing/eventstore/testing';
import { SurveyLinkSigner } from '@ticketing/feedback';
import { HttpSurveyLinks } from '@ticketing/intake';
import { kafkaTestsEnabled } from '@ticketing/messaging/testing';
import { validateNewEvent } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { startDistributedRuntime, type DistributedRuntime } from './testing/distributed-runtime';
import { eventually } from './testing/embedded-app';

const CUSTOMER = 'acme-customer-key-000001';
const AGENT = 'acme-agent-key-0000000001';
const ADMIN = 'acme-admin-key-000000001';
const SUPERVISOR = 'acme-supervisor-key-000001';
const GLOBEX = 'globex-supervisor-key-0001';
const WEBHOOK_SECRET = 'survey-webhook-secret-0001';
const LINK_SECRET = 'survey-link-secret-for-the-e2e-test-000001';
const JWT_SECRET = 'jwt-secret-of-this-deployment-0000000001';

const kafka = kafkaTestsEnabled('survey answering e2e');

type SurveyHook = { kind: string; ticketId: string; messageId: string; text: string; conversationId: string | null };

/**
 * Automatic surveys answered by the customer, on PostgreSQL and Kafka with intake and feedback in
 * one application (feedback mints the link in-process): a resolved ticket's survey is delivered to a
 * real webhook receiver with a signed link that records the rating when followed; a second ticket is
 * rated by answering "5" in the chat, without reopening. Feedback's HTTP link endpoint (what intake
 * uses when feedback runs elsewhere) answers the same link to a service token of the tenant only.
 */
describeIf(kafka ? postgresAvailability() : { available: false, reason: 'kcat missing' }, 'surveys answered through the signed link or the chat', () => {
  let cluster: DistributedRuntime;
  let app: ReturnType<typeof request>;
  let appUrl: string;
  let otherService: EventStore;
  let hooks: HookReceiver;

  const surveyHooks = (): SurveyHook[] => hooks.calls.map((c) => JSON.parse(c.body) as SurveyHook).filter((b) => b.kind === 'survey');
  const ticket = async (ticketId: string) => (await app.get(`/tickets/${ticketId}`).set('X-Api-Key', AGENT).expect(200)).body;
  const history = async (ticketId: string) => (await otherService.readStream(streamId('ticket', ticketId))).map((e) => e.type);

  /** Opens a chat ticket through intake, then assigns and resolves it as routing and resolution would. */
  async function resolvedChatTicket(session: string, handle: string): Promise<string> {
    const opened = await app
      .post('/messages')
      .set('X-Api-Key', CUSTOMER)
      .send({ channel: 'chat', conversationId: session, channelMessageId: `${session}-1`, customerHandle: handle, text: 'My parcel never arrived, order SO-4411' })
      .expect(201);
    const ticketId = opened.body.ticketId as string;
    await eventually(async () => ((await ticket(ticketId)).state.category !== null ? true : undefined), 60_000);
    const run = (type: string, data: object, actor: CommandMetadata['actor']) => {
      const metadata: CommandMetadata = { tenantId: 'acme', actor, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
      return handleCommand({ store: otherService, streamId: streamId('ticket', ticketId), decider: ticketDecider, command: { type, ticketId, metadata, data } as TicketCommand, validate: validateNewEvent });
    };
    await run('AssignTicket', { agentId: 'agent-1', groupId: 'general', reason: 'skill_match', explanation: 'test' }, { kind: 'service', id: 'routing' });
    await run('ResolveTicket', { resolutionCode: 'answered', summary: 'Reshipped', resolvedBy: 'agent-1' }, { kind: 'agent', id: 'agent-1' });
    return ticketId;
  }

  const surveyFor = (ticketId: string) => eventually(async () => surveyHooks().find((h) => h.ticketId === ticketId), 60_000);

  beforeAll(async () => {
    hooks = await hookReceiver();
    cluster = await startDistributedRuntime(
      'surveys',
      [`${CUSTOMER}:acme:customer:cust-gateway`, `${AGENT}:acme:agent:agent-1`, `${ADMIN}:acme:admin:boss-1`, `${SUPERVISOR}:acme:supervisor:sup-1`, `${GLOBEX}:globex:supervisor:g-1`].join(','),
    );
    const started = await cluster.start('intake,feedback', {
      INTAKE_WEBHOOK_URL_CHAT: hooks.url,
      INTAKE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      INTAKE_DELIVERY_POLL_MS: '100',
      FEEDBACK_SURVEY_LINK_SECRET: LINK_SECRET,
      FEEDBACK_TIMER_IDLE_MS: '100',
      JWT_SECRET,
    });
    appUrl = started.app.httpUrl;
    app = request(appUrl);
    otherService = (await cluster.bareRuntime()).store;
    await cluster.startRelay();
    await app
      .put('/feedback-settings')
      .set('X-Api-Key', ADMIN)
      .send({
        surveys: { enabled: true, delayMinutes: 0, channel: 'ticket', minIntervalHours: 0, answerDeadlineHours: 48, lowRatingThreshold: 2 },
        callbacks: { enabled: false, delayMinutes: 30, graceMinutes: 60, complexCategories: [] },
        reason: 'survey right after the resolution, on the ticket channel',
      })
      .expect(200);
  });

  afterAll(async () => {
    await cluster?.stop();
    await hooks?.close();
  });

  it('delivers the automatic survey with a signed link (never written to the log) that records the rating once when followed', async () => {
    const ticketId = await resolvedChatTicket('sess-link', 'app-user-1');
    const delivered = await surveyFor(ticketId);
    expect(delivered).toMatchObject({ kind: 'survey', conversationId: 'sess-link' });
    const link = /Answer here: (\S+)/.exec(delivered.text)?.[1];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(`${url.origin}${url.pathname}`).toBe(`${appUrl}/surveys/answers`);
    const token = url.searchParams.get('token')!;

    // The bearer token is minted at send time: no event in the log (survey, delivery, anything) carries it.
    const log = JSON.stringify(await otherService.readAll());
    expect(log).toContain(delivered.messageId);
    expect(log).not.toContain(token);

    // Opening the link shows the survey; following it with a rating records it.
    const shown = await fetch(link!).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(shown).toMatchObject({ status: 200, body: { ticketId, surveyId: delivered.messageId, answered: false, scale: { min: 1, max: 5 } } });
    const answered = await request(url.origin).post(url.pathname).send({ token, rating: 4, dimensions: { attitude: 5, problemSolved: 4 }, comment: 'Quick reshipment' }).expect(201);
    expect(answered.body).toEqual({ ticketId, surveyId: delivered.messageId });
    const rated = (await otherService.readStream(streamId('ticket', ticketId))).find((e) => e.type === 'SatisfactionRated');
    expect(rated).toMatchObject({ actor: { kind: 'customer' }, data: { rating: 4, dimensions: { attitude: 5, problemSolved: 4, responseSpeed: null, expertise: null } } });

    // Once per survey: a second answer is refused and changes nothing.
    const again = await request(url.origin).post(url.pathname).send({ token, rating: 1 });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await history(ticketId)).filter((t) => t === 'SatisfactionRated')).toHaveLength(1);
    expect((await fetch(link!).then((r) => r.json() as Promise<{ answered: boolean }>)).answered).toBe(true);

    // Forged (signed with another key) → 403; signed but past its deadline → 410; nothing written.
    const claims = { tenantId: 'acme', ticketId, surveyId: delivered.messageId };
    const forged = new SurveyLinkSigner('x'.repeat(40)).sign({ ...claims, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const forgedAnswer = await app.post('/surveys/answers').send({ token: forged, rating: 5 });
    expect(forgedAnswer.status).toBe(403);
    expect(forgedAnswer.body).toMatchObject({ code: 'survey_link_invalid' });
    const expired = new SurveyLinkSigner(LINK_SECRET).sign({ ...claims, expiresAt: new Date(Date.now() - 1_000).toISOString() });
    const expiredAnswer = await app.post('/surveys/answers').send({ token: expired, rating: 5 });
    expect(expiredAnswer.status).toBe(410);
    expect(expiredAnswer.body).toMatchObject({ code: 'survey_link_expired' });
    expect(await app.get('/surveys/answers').query({ token: forged }).then((r) => r.status)).toBe(403);
    expect((await history(ticketId)).filter((t) => t === 'SatisfactionRated')).toHaveLength(1);
  }, 120_000);

  it('a second ticket answered with "5" in the chat is rated, not reopened; a second "5" records nothing and says so', async () => {
    const ticketId = await resolvedChatTicket('sess-chat', 'app-user-2');
    const delivered = await surveyFor(ticketId);
    expect(delivered.text).toMatch(/Reply with a number from 1 \(poor\) to 5 \(excellent\)/);

    const reply = await app
      .post('/messages')
      .set('X-Api-Key', CUSTOMER)
      .send({ channel: 'chat', conversationId: 'sess-chat', channelMessageId: 'sess-chat-2', customerHandle: 'app-user-2', text: '5' })
      .expect(200);
    expect(reply.body).toMatchObject({ ticketId, outcome: 'survey_answered' });
    const events = await otherService.readStream(streamId('ticket', ticketId));
    expect(events.map((e) => e.type).slice(-1)).toEqual(['SatisfactionRated']);
    expect(events.at(-1)).toMatchObject({
      data: { surveyId: delivered.messageId, rating: 5, comment: null, dimensions: { attitude: null, responseSpeed: null, problemSolved: null, expertise: null } },
    });
    expect(events.map((e) => e.type)).not.toContain('TicketReopened');
    expect((await ticket(ticketId)).state.status).toBe('resolved');
    // Feedback's own view of the ticket's satisfaction sees the rating.
    const satisfaction = await app.get(`/tickets/${ticketId}/satisfaction`).set('X-Api-Key', SUPERVISOR).expect(200);
    expect(satisfaction.body).toMatchObject({ surveySent: true, rating: 5 });

    const second = await app
      .post('/messages')
      .set('X-Api-Key', CUSTOMER)
      .send({ channel: 'chat', conversationId: 'sess-chat', channelMessageId: 'sess-chat-3', customerHandle: 'app-user-2', text: '1 star' })
      .expect(200);
    expect(second.body).toMatchObject({ ticketId, outcome: 'survey_already_answered' });
    expect(await history(ticketId)).toEqual(events.map((e) => e.type));

    // Anything that is not a rating is a message as before: it reopens the resolved ticket.
    const more = await app
      .post('/messages')
      .set('X-Api-Key', CUSTOMER)
      .send({ channel: 'chat', conversationId: 'sess-chat', channelMessageId: 'sess-chat-4', customerHandle: 'app-user-2', text: 'The replacement is broken too' })
      .expect(200);
    expect(more.body).toMatchObject({ ticketId, outcome: 'reopened' });
  }, 120_000);

  it("feedback's HTTP link endpoint (intake's adapter when feedback runs elsewhere) gives the same link to the tenant's service token only", async () => {
    const ticketId = await resolvedChatTicket('sess-http', 'app-user-3');
    const delivered = await surveyFor(ticketId);
    const inProcess = /Answer here: (\S+)/.exec(delivered.text)![1];

    const overHttp = await new HttpSurveyLinks(appUrl, { secret: JWT_SECRET }).linkFor('acme', ticketId, delivered.messageId);
    expect(overHttp?.url).toBe(inProcess);
    // Another tenant's token finds no such survey; an unknown survey id neither; a wrong key is refused.
    expect(await new HttpSurveyLinks(appUrl, { secret: JWT_SECRET }).linkFor('globex', ticketId, delivered.messageId)).toBeNull();
    expect(await new HttpSurveyLinks(appUrl, { secret: JWT_SECRET }).linkFor('acme', ticketId, uuidv7())).toBeNull();
    await expect(new HttpSurveyLinks(appUrl, { secret: 'w'.repeat(40) }).linkFor('acme', ticketId, delivered.messageId)).rejects.toThrow(/401/);
    // People need a supervisor's role for it.
    await app.get(`/tickets/${ticketId}/survey/link`).query({ surveyId: delivered.messageId }).set('X-Api-Key', CUSTOMER).expect(403);
    expect((await app.get(`/tickets/${ticketId}/survey/link`).set('X-Api-Key', SUPERVISOR).expect(200)).body.url).toBe(inProcess);
    const bad = await app.get(`/tickets/${ticketId}/survey/link`).query({ surveyId: '' }).set('X-Api-Key', SUPERVISOR).expect(400);
    expect(bad.body.errors?.[0]).toMatchObject({ field: 'surveyId' });
  }, 120_000);
});

/**
 * The distributed deployment: intake and feedback as separate applications. Intake's worker gets the
 * link from feedback over HTTP (INTAKE_FEEDBACK_URL, a service JWT), and the link points at
 * feedback's public address (FEEDBACK_PUBLIC_URL), where following it records the rating.
 */
describeIf(kafka ? postgresAvailability() : { available: false, reason: 'kcat missing' }, 'surveys with intake and feedback apart', () => {
  let cluster: DistributedRuntime;
  let intake: ReturnType<typeof request>;
  let feedbackUrl: string;
  let otherService: EventStore;
  let hooks: HookReceiver;

  beforeAll(async () => {
    hooks = await hookReceiver();
    cluster = await startDistributedRuntime('surveys_apart', [`${CUSTOMER}:acme:customer:cust-gateway`, `${AGENT}:acme:agent:agent-1`, `${ADMIN}:acme:admin:boss-1`].join(','));
    const feedback = await cluster.start('feedback', { FEEDBACK_SURVEY_LINK_SECRET: LINK_SECRET, FEEDBACK_TIMER_IDLE_MS: '100', JWT_SECRET, FEEDBACK_PUBLIC_URL: 'https://survey.acme.example/' });
    feedbackUrl = feedback.app.httpUrl;
    const started = await cluster.start('intake', {
      INTAKE_WEBHOOK_URL_CHAT: hooks.url,
      INTAKE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      INTAKE_DELIVERY_POLL_MS: '100',
      INTAKE_FEEDBACK_URL: feedbackUrl,
      JWT_SECRET,
    });
    intake = request(started.app.httpUrl);
    otherService = (await cluster.bareRuntime()).store;
    await cluster.startRelay();
    await request(feedbackUrl)
      .put('/feedback-settings')
      .set('X-Api-Key', ADMIN)
      .send({
        surveys: { enabled: true, delayMinutes: 0, channel: 'ticket', minIntervalHours: 0, answerDeadlineHours: 48, lowRatingThreshold: 2 },
        callbacks: { enabled: false, delayMinutes: 30, graceMinutes: 60, complexCategories: [] },
        reason: 'survey right after the resolution',
      })
      .expect(200);
  });

  afterAll(async () => {
    await cluster?.stop();
    await hooks?.close();
  });

  it("intake's worker asks feedback over HTTP; the delivered link is on feedback's public address and records the rating", async () => {
    const opened = await intake
      .post('/messages')
      .set('X-Api-Key', CUSTOMER)
      .send({ channel: 'chat', conversationId: 'sess-apart', channelMessageId: 'sess-apart-1', customerHandle: 'app-user-9', text: 'Where is my refund?' })
      .expect(201);
    const ticketId = opened.body.ticketId as string;
    await eventually(async () => ((await intake.get(`/tickets/${ticketId}`).set('X-Api-Key', AGENT).expect(200)).body.state.category !== null ? true : undefined), 60_000);
    for (const [type, data, actor] of [
      ['AssignTicket', { agentId: 'agent-1', groupId: 'general', reason: 'skill_match', explanation: 'test' }, { kind: 'service', id: 'routing' }],
      ['ResolveTicket', { resolutionCode: 'answered', summary: 'Refunded', resolvedBy: 'agent-1' }, { kind: 'agent', id: 'agent-1' }],
    ] as const) {
      const metadata: CommandMetadata = { tenantId: 'acme', actor, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
      await handleCommand({ store: otherService, streamId: streamId('ticket', ticketId), decider: ticketDecider, command: { type, ticketId, metadata, data } as TicketCommand, validate: validateNewEvent });
    }
    const delivered = await eventually(async () => hooks.calls.map((c) => JSON.parse(c.body) as SurveyHook).find((h) => h.kind === 'survey' && h.ticketId === ticketId), 60_000);
    const link = new URL(/Answer here: (\S+)/.exec(delivered.text)![1]);
    expect(`${link.origin}${link.pathname}`).toBe('https://survey.acme.example/surveys/answers');
    // The public host is the ingress in front of feedback; here the test goes to feedback directly.
    await request(feedbackUrl).post('/surveys/answers').send({ token: link.searchParams.get('token'), rating: 5 }).expect(201);
    const rated = (await otherService.readStream(streamId('ticket', ticketId))).find((e) => e.type === 'SatisfactionRated');
    expect(rated).toMatchObject({ data: { surveyId: delivered.messageId, rating: 5 } });
  }, 120_000);
});
