import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  AgentReplied,
  MacroRemoved,
  MacroSaved,
  protoPath,
  resolutionConfigStream,
  SelfServiceAnswerOffered,
  SelfServiceOfferAnswered,
  stampEvent,
  streamId,
  TicketClassified,
  TicketOpened,
  TicketResolved,
  type CommandMetadata,
  type NewEvent,
} from '@ticketing/contracts';
import { createTestPostgresDatabase, describeIf, freePort, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SelfServiceFeedbackPolicy } from './answering/self-service-feedback.policy';
import { articleStream } from './authoring/articles.service';
import { ArticleView } from './publishing/article-view.entity';
import { knowledgeService, PublishSweeper } from './index';
import { seedArticles } from '../seed/seed-articles';
import { generateTickets } from './testing/generated-tickets';

/**
 * The knowledge service on real PostgreSQL (event store and read models), in-process bus, as
 * clients use it: gRPC, scheduled publishing with racing sweepers, JSONL import/export, agent assist
 * from projected ticket and macro events, weak articles, and learning from generated resolved tickets.
 */
const KEYS = {
  agent: 'acme-agent-key-00000001',
  agent2: 'acme-agent-key-00000002',
  supervisor: 'acme-super-key-00000001',
  customer: 'acme-cust-key-000000001',
  analyst: 'acme-analyst-key-000001',
  other: 'globex-admin-key-0000001',
  // A tenant of its own for the gRPC tests, with the seed knowledge base imported.
  iAgent: 'initech-agent-key-000001',
  iSupervisor: 'initech-super-key-000001',
  iCustomer: 'initech-cust-key-0000001',
  // A tenant of its own for self-service feedback.
  uAgent: 'umbrella-agent-key-00001',
  uSupervisor: 'umbrella-super-key-00001',
  uCustomer: 'umbrella-cust-key-000001',
};
const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;

/** Polls a read model (projections follow the bus) without sleeping for correctness. */
async function until<T>(probe: () => Promise<T | undefined>, what = 'read model'): Promise<T> {
  for (let i = 0; i < 1500; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} did not catch up`);
}

describeIf(postgresAvailability(), 'knowledge on PostgreSQL (gRPC, scheduling, import/export, assist, learning)', () => {
  let database: TestPostgresDatabase;
  let runtime: Runtime;
  let running: RunningApp;
  let relay: { stop(): Promise<void> };
  let http: ReturnType<typeof request>;
  let grpcAddress: string;
  let dataSource: DataSource;
  const env = { ...process.env };

  beforeAll(async () => {
    // The background loops are driven explicitly here (sweep(), learning/run), never by wall-clock timers.
    process.env.KNOWLEDGE_SWEEPER = 'off';
    process.env.KNOWLEDGE_LEARNING = 'off';
    database = await createTestPostgresDatabase('knowledge');
    const grpcPort = await freePort();
    runtime = await createRuntime(
      loadConfig({
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: database.url,
        READ_MODEL_URL: database.url,
        HTTP_PORT: '0',
        GRPC_PORT: String(grpcPort),
        LOG_LEVEL: 'silent',
        API_KEYS: [
          `${KEYS.agent}:acme:agent:agent-1`,
          `${KEYS.agent2}:acme:agent:agent-2`,
          `${KEYS.supervisor}:acme:supervisor:sup-1`,
          `${KEYS.customer}:acme:customer:cust-1`,
          `${KEYS.analyst}:acme:analyst:ana-1`,
          `${KEYS.other}:globex:admin:admin-9`,
          `${KEYS.iAgent}:initech:agent:agent-1`,
          `${KEYS.iSupervisor}:initech:supervisor:sup-1`,
          `${KEYS.iCustomer}:initech:customer:cust-1`,
          `${KEYS.uAgent}:umbrella:agent:agent-1`,
          `${KEYS.uSupervisor}:umbrella:supervisor:sup-1`,
          `${KEYS.uCustomer}:umbrella:customer:cust-1`,
        ].join(','),
      }),
    );
    running = await startApp(runtime, [knowledgeService]);
    relay = startRelay(runtime);
    http = request(running.httpUrl);
    grpcAddress = `127.0.0.1:${grpcPort}`;
    dataSource = running.app.get(DataSource);
  });

  afterAll(async () => {
    await relay?.stop();
    await running?.close();
    await runtime?.close();
    await database?.drop();
    process.env = env;
  });

  const as = (key: string) => ({
    post: (path: string, body: object, headers: Record<string, string> = {}) => http.post(path).set({ 'X-Api-Key': key, ...headers }).send(body),
    get: (path: string) => http.get(path).set('X-Api-Key', key),
  });
  const agent = as(KEYS.agent);
  const supervisor = as(KEYS.supervisor);

  async function publishedArticle(
    articleId: string,
    content: { title: string; body: string; category: string; audience?: string; tags?: string[] },
    locale = 'en',
    [writer, publisher] = [agent, supervisor],
  ) {
    await writer.post('/articles', { articleId, locale, audience: 'public', ...content }).expect(201);
    await writer.post(`/articles/${articleId}/submit`, {}).expect(200);
    await publisher.post(`/articles/${articleId}/publish`, {}).expect(200);
  }

  const searchFinds = (key: string, q: string, articleId: string) =>
    until(async () => {
      const { body } = await as(key).get(`/knowledge/search?q=${encodeURIComponent(q)}`).expect(200);
      return body.results.some((r: { articleId: string }) => r.articleId === articleId) ? body.results : undefined;
    }, `search for ${articleId}`);

  /** A gRPC client of KnowledgeService, as another service would call it. */
  function grpcClient() {
    const definition = loadSync([protoPath('knowledge')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = new (loadPackageDefinition(definition) as any).ticketing.knowledge.v1.KnowledgeService(grpcAddress, credentials.createInsecure());
    const call = <T>(method: string, body: object, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const metadata = new Metadata();
        if (key) metadata.set('x-api-key', key);
        client[method](body, metadata, (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)));
      });
    return { call, close: () => client.close() };
  }

  const countOf = async (stream: string, type: string) => (await runtime.store.readStream(stream)).filter((e) => e.type === type).length;

  describe('gRPC (KnowledgeService)', () => {
    let grpc: ReturnType<typeof grpcClient>;
    const call = <T>(method: string, body: object, key?: string) => grpc.call<T>(method, body, key);

    beforeAll(async () => {
      // The seed knowledge base (English, public), brought in through the bulk import.
      const jsonl = seedArticles()
        .filter((a) => a.locale === 'en' && a.audience === 'public')
        .map(({ articleId, locale, title, body, category, tags, audience }) => JSON.stringify({ externalId: articleId, locale, title, body, category, tags, audience }))
        .join('\n');
      const imported = await as(KEYS.iSupervisor).post('/knowledge/articles/import', { jsonl }).expect(200);
      expect(imported.body.errors).toEqual([]);
      grpc = grpcClient();
    });
    afterAll(() => grpc?.close());

    it('drafts, reviews, publishes, searches, answers and records feedback with the same tenant and role rules as REST', async () => {
      const content = { title: 'Change the delivery address', body: 'You can change the **delivery address** until the parcel ships, under My orders.', category: 'order_change', tags: ['address'], audience: 'public' };
      const drafted = await call<{ articleId: string; revision: number; status: string }>('DraftArticle', { articleId: 'grpc-address', locale: 'en', content }, KEYS.iAgent);
      expect(drafted).toMatchObject({ articleId: 'grpc-address', revision: 0, status: 'draft', articleRevision: 1 });
      await call('SubmitForReview', { articleId: 'grpc-address', ifMatch: '"0"' }, KEYS.iAgent);
      // A stale expected revision is a conflict (ABORTED) and writes nothing.
      await expect(call('PublishArticle', { articleId: 'grpc-address', ifMatch: '0' }, KEYS.iSupervisor)).rejects.toMatchObject({ code: GrpcStatus.ABORTED });
      // Four eyes and roles: an agent may not publish.
      await expect(call('PublishArticle', { articleId: 'grpc-address' }, KEYS.iAgent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
      const published = await call<{ status: string; revision: number }>('PublishArticle', { articleId: 'grpc-address', ifMatch: '"1"', note: 'ok' }, KEYS.iSupervisor);
      expect(published).toMatchObject({ status: 'published', revision: 3 });

      const details = await call<{ status: string; approvals: Array<{ by: string }>; revisions: Array<{ content: { title: string }; authorId: string }> }>('GetArticle', { articleId: 'grpc-address' }, KEYS.iAgent);
      expect(details).toMatchObject({ status: 'published', publishedRevision: 1, approvals: [{ revision: 1, by: 'sup-1' }] });
      expect(details.revisions[0]).toMatchObject({ content: { title: content.title }, authorId: 'agent-1' });

      const results = await until(async () => {
        const r = await call<{ results: Array<{ articleId: string; snippet: string }> }>('Search', { q: 'change delivery address', locale: 'en' }, KEYS.iCustomer);
        return r.results.some((hit) => hit.articleId === 'grpc-address') ? r.results : undefined;
      });
      // The seed's own address article competes; ours is among the top hits, highlighted.
      const ours = results.slice(0, 3).find((r) => r.articleId === 'grpc-address');
      expect(ours?.snippet).toContain('<mark>');
      const question = 'how long does my refund take to reach my credit card';
      const answer = await call<{ answer?: { articleId: string; confidence: number } }>('Answer', { text: question, locale: 'en' }, KEYS.iCustomer);
      expect(answer.answer?.articleId).toBe('kb-refund-time-en');
      expect(answer.answer?.confidence).toBeGreaterThanOrEqual(0.8);
      const rest = await as(KEYS.iCustomer).post('/knowledge/answers', { text: question, locale: 'en' }).expect(200);
      expect(answer.answer?.confidence).toBe(rest.body.answer.confidence);
      const none = await call<{ answer?: unknown }>('Answer', { text: 'what is the weather in Shanghai' }, KEYS.iCustomer);
      expect(none.answer).toBeNull();

      await call('RecordFeedback', { articleId: 'grpc-address', helpful: true }, KEYS.iCustomer);
      expect((await call<{ helpful: number }>('GetArticle', { articleId: 'grpc-address' }, KEYS.iAgent)).helpful).toBe(1);
    });

    it('refuses bad input, other tenants and missing credentials with the matching gRPC status', async () => {
      const content = { title: 'x', body: 'y', category: 'other', audience: 'public' };
      await expect(call('DraftArticle', { locale: 'klingon', content }, KEYS.iAgent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('locale') });
      await expect(call('DraftArticle', { locale: 'en', content: { ...content, category: 'nonsense' } }, KEYS.iAgent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
      await expect(call('Search', { q: '   ' }, KEYS.iCustomer)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('q') });
      await expect(call('GetArticle', { articleId: 'grpc-address' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
      await expect(call('RetireArticle', { articleId: 'grpc-address', reason: 'mine now' }, KEYS.other)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
      await expect(call('GetArticle', { articleId: 'grpc-address' })).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
      await expect(call('SuggestForTicket', { ticketId: 'no-such-ticket' }, KEYS.iAgent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
      const acmeSearch = await call<{ results: Array<{ articleId: string }> }>('Search', { q: 'change delivery address' }, KEYS.agent);
      expect(acmeSearch.results.map((r) => r.articleId)).not.toContain('grpc-address');
      expect(await countOf(articleStream('initech', 'grpc-address'), 'ArticleRetired')).toBe(0);
    });
  });

  describe('scheduled publishing', () => {
    it('publishes when due and not before; three sweepers racing over ten due articles publish each exactly once', async () => {
      const ids = Array.from({ length: 10 }, (_, i) => `scheduled-${i}`);
      const publishAt = new Date(Date.now() + HOUR).toISOString();
      for (const id of ids) {
        await agent.post('/articles', { articleId: id, locale: 'en', title: `Holiday opening hours ${id}`, body: 'Open 9-17.', category: 'other', audience: 'public' }).expect(201);
        await agent.post(`/articles/${id}/submit`, {}).expect(200);
        await supervisor.post(`/articles/${id}/approve`, {}).expect(200);
        await supervisor.post(`/articles/${id}/schedule`, { publishAt }).expect(200);
      }
      await until(async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM knowledge.articles WHERE "articleId" LIKE 'scheduled-%' AND "publishAt" IS NOT NULL AND status = 'approved'`);
        return n === ids.length ? true : undefined;
      }, 'schedules');
      const sweeper = (at: number) => new PublishSweeper(runtime.store, dataSource, () => at);

      expect(await sweeper(Date.now()).sweep()).toEqual({ published: 0, raced: 0 });

      // Fresh sweeper instances (as after a restart): the schedule lives in events and the read model, not in memory.
      const due = Date.now() + 2 * HOUR;
      const outcomes = await Promise.all([sweeper(due), sweeper(due), sweeper(due)].map((s) => s.sweep()));
      expect(outcomes.reduce((sum, o) => sum + o.published, 0)).toBe(ids.length);
      for (const id of ids) expect(await countOf(articleStream('acme', id), 'ArticlePublished')).toBe(1);
      const stream = await runtime.store.readStream(articleStream('acme', ids[0]));
      expect(stream[stream.length - 1]).toMatchObject({ type: 'ArticlePublished', actor: { kind: 'system' }, data: { scheduled: true, approvedBy: 'sup-1' } });

      // A late redelivered sweep finds nothing to do, whatever the read model still says.
      expect((await sweeper(due).publishIfDue('acme', ids[0], due))).toBe('nothing');
      await searchFinds(KEYS.customer, 'holiday opening hours', ids[0]);
    });

    it('survives a restart: what was scheduled before the service stopped is published by the restarted one', async () => {
      const id = 'scheduled-restart';
      await agent.post('/articles', { articleId: id, locale: 'en', title: 'Restart', body: 'Body.', category: 'other', audience: 'public' }).expect(201);
      await agent.post(`/articles/${id}/submit`, {}).expect(200);
      await supervisor.post(`/articles/${id}/approve`, {}).expect(200);
      await supervisor.post(`/articles/${id}/schedule`, { publishAt: new Date(Date.now() + 1000).toISOString() }).expect(200);
      await until(async () => ((await dataSource.getRepository(ArticleView).findOneBy({ tenantId: 'acme', articleId: id }))?.publishAt ? true : undefined), 'schedule');
      // Stop the service before it is due and start it again: nothing about the schedule was in memory.
      await running.close();
      running = await startApp(runtime, [knowledgeService]);
      http = request(running.httpUrl);
      dataSource = running.app.get(DataSource);
      const sweeper = running.app.get(PublishSweeper);
      await until(async () => ((await sweeper.sweep()).published === 1 ? true : undefined), 'publication after restart');
      expect(await countOf(articleStream('acme', id), 'ArticlePublished')).toBe(1);
      expect((await sweeper.sweep()).published).toBe(0);
    });

    it('a sweeper that loses the race on the expected revision reports it and appends nothing', async () => {
      const id = 'scheduled-race';
      await agent.post('/articles', { articleId: id, locale: 'en', title: 'Race', body: 'Body.', category: 'other', audience: 'public' }).expect(201);
      await agent.post(`/articles/${id}/submit`, {}).expect(200);
      await supervisor.post(`/articles/${id}/approve`, {}).expect(200);
      await supervisor.post(`/articles/${id}/schedule`, { publishAt: new Date(Date.now() + HOUR).toISOString() }).expect(200);
      const due = Date.now() + 2 * HOUR;
      // Both decide from the same revision; the store lets exactly one append.
      const a = new PublishSweeper(runtime.store, dataSource, () => due);
      const b = new PublishSweeper(runtime.store, dataSource, () => due);
      const results = await Promise.all([a.publishIfDue('acme', id, due), b.publishIfDue('acme', id, due)]);
      expect(results.filter((r) => r === 'published')).toHaveLength(1);
      expect(results.filter((r) => r === 'raced' || r === 'nothing')).toHaveLength(1);
      expect(await countOf(articleStream('acme', id), 'ArticlePublished')).toBe(1);
    });
  });

  describe('bulk JSONL import and export', () => {
    const faq = [
      { externalId: 'faq-returns', locale: 'en', title: 'How do I return an item?', body: 'Start a return under **My orders** within 30 days.', category: 'return_exchange', tags: ['returns'] },
      { externalId: 'faq-returns-zh', locale: 'zh-CN', title: '如何退货？', body: '在“我的订单”中30天内申请退货。', category: 'return_exchange', translationOf: 'faq-returns' },
      { externalId: 'faq-internal', locale: 'en', title: 'Escalating damaged goods', body: 'Photos first, then warehouse.', category: 'return_exchange', audience: 'internal', publish: false },
    ];
    const bad = [
      '{"externalId":"faq-bad-locale","locale":"klingon","title":"x","body":"y","category":"other"}',
      'this is not json',
      '{"externalId":"faq-no-body","locale":"en","title":"x","body":"","category":"other"}',
      '{"externalId":"faq-orphan","locale":"en","title":"x","body":"y","category":"other","translationOf":"no-such-article"}',
    ];
    // The translation comes before its source in the file: import orders them.
    const file = [JSON.stringify(faq[1]), JSON.stringify(faq[0]), bad[0], bad[1], '', JSON.stringify(faq[2]), bad[2], bad[3]].join('\n');

    it('imports the good lines, reports the bad ones by line and field, and a re-import changes nothing', async () => {
      const report = await http.post('/knowledge/articles/import').set({ 'X-Api-Key': KEYS.supervisor, 'Content-Type': 'application/x-ndjson' }).send(file).expect(200);
      expect(report.body).toMatchObject({ created: 3, revised: 0, unchanged: 0 });
      expect(report.body.results.map((r: { line: number; externalId: string; status: string }) => [r.line, r.externalId, r.status])).toEqual([
        [1, 'faq-returns-zh', 'published'],
        [2, 'faq-returns', 'published'],
        [6, 'faq-internal', 'draft'],
      ]);
      expect(report.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [3, 'locale'],
        [4, '(line)'],
        [7, 'body'],
        [8, 'translationOf'],
      ]);
      expect(await countOf(articleStream('acme', 'faq-orphan'), 'ArticleDrafted')).toBe(0);
      const drafted = (await runtime.store.readStream(articleStream('acme', 'faq-returns-zh')))[0];
      expect(drafted).toMatchObject({ type: 'ArticleDrafted', actor: { id: 'sup-1' }, data: { origin: 'imported', translationOf: 'faq-returns' } });
      await searchFinds(KEYS.customer, '退货', 'faq-returns-zh');

      const before = await runtime.store.readAll({ maxCount: 100_000 });
      const again = await supervisor.post('/knowledge/articles/import', { jsonl: file }).expect(200);
      expect(again.body).toMatchObject({ created: 0, revised: 0, unchanged: 3 });
      expect((await runtime.store.readAll({ maxCount: 100_000 })).length).toBe(before.length);

      // Changed content on a re-import is a new revision for review; the published one stays live.
      const changed = JSON.stringify({ ...faq[0], body: 'Start a return under **My orders** within 45 days.' });
      const revised = await supervisor.post('/knowledge/articles/import', { jsonl: changed }).expect(200);
      expect(revised.body).toMatchObject({ created: 0, revised: 1, results: [{ line: 1, outcome: 'revised', status: 'draft' }] });
    });

    it('exports JSONL in the import format, only the caller’s tenant, and rejects an empty or oversized import', async () => {
      const exported = await until(async () => {
        const response = await supervisor.get('/knowledge/articles/export').expect(200);
        const lines = response.text.trim().split('\n').map((l) => JSON.parse(l));
        const returns = lines.find((l) => l.externalId === 'faq-returns');
        return returns?.revision === 2 ? { response, lines } : undefined;
      }, 'export');
      expect(exported.response.headers['content-type']).toContain('application/x-ndjson');
      expect(exported.lines.find((l) => l.externalId === 'faq-returns-zh')).toMatchObject({ locale: 'zh-CN', translationOf: 'faq-returns', status: 'published', body: faq[1].body });
      const publishedOnly = await supervisor.get('/knowledge/articles/export?status=published').expect(200);
      expect(publishedOnly.text).not.toContain('faq-internal');
      const globex = await as(KEYS.other).get('/knowledge/articles/export').expect(200);
      expect(globex.text).not.toContain('faq-returns');
      // The export imports back into another tenant as it is; only what was published there is published.
      const roundTrip = await as(KEYS.other).post('/knowledge/articles/import', { jsonl: exported.response.text }).expect(200);
      expect(roundTrip.body.errors).toEqual([]);
      expect(roundTrip.body.created).toBe(exported.lines.length);
      const statusIn = (body: { results: Array<{ externalId: string; status: string }> }, id: string) => body.results.find((r) => r.externalId === id)?.status;
      expect([statusIn(roundTrip.body, 'faq-returns-zh'), statusIn(roundTrip.body, 'faq-internal'), statusIn(roundTrip.body, 'faq-returns')]).toEqual(['published', 'draft', 'draft']);

      const empty = await supervisor.post('/knowledge/articles/import', { jsonl: '\n\n' }).expect(400);
      expect(empty.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(empty.body.errors)).toContain('jsonl');
      await agent.post('/knowledge/articles/import', { jsonl: JSON.stringify(faq[0]) }).expect(403);
    });
  });

  describe('agent assist, weak articles and learning from resolved tickets', () => {
    let sequence = 0;
    const meta = (tenantId: string, at: number, actor: CommandMetadata['actor'] = { kind: 'service', id: 'test' }): CommandMetadata => ({
      tenantId,
      actor,
      correlationId: `c-${sequence++}`,
      now: new Date(at).toISOString(),
    });

    type TicketFacts = { ticketId: string; category: string; language: string; subject: string; text: string; reply: string; resolutionSummary: string; resolvedAt: number };

    /** What intake writes for a new ticket: opened, then classified. */
    const openingEvents = (tenantId: string, t: TicketFacts, opened: number): NewEvent[] => [
      stampEvent(TicketOpened, meta(tenantId, opened, { kind: 'customer', id: 'cust-1' }), {
        ticketId: t.ticketId, channel: 'email', channelClass: 'async', channelMessageId: `<${t.ticketId}@mail>`, customerId: 'cust-1', customerTier: 'regular',
        subject: t.subject, text: t.text, orderNumber: null, attachments: [], language: t.language,
      }),
      stampEvent(TicketClassified, meta(tenantId, opened), {
        ticketId: t.ticketId, category: t.category as never, priority: 'normal', complaint: false, source: 'model', confidence: 0.9, tags: [], language: t.language, needsTriage: false, suggestedCategory: null, subcategory: null,
      }),
    ];

    /** A ticket's life as the other services would write it: opened, classified, replied, resolved. */
    async function resolvedTicket(tenantId: string, t: TicketFacts) {
      const events: NewEvent[] = [
        ...openingEvents(tenantId, t, t.resolvedAt - HOUR),
        stampEvent(AgentReplied, meta(tenantId, t.resolvedAt - 60_000, { kind: 'agent', id: 'agent-1' }), {
          ticketId: t.ticketId, messageId: `${t.ticketId}-m1`, agentId: 'agent-1', channel: 'email', text: t.reply, attachments: [], firstResponse: true, articleIds: [],
        }),
        stampEvent(TicketResolved, meta(tenantId, t.resolvedAt, { kind: 'agent', id: 'agent-1' }), {
          ticketId: t.ticketId, resolutionCode: 'answered', summary: t.resolutionSummary, resolvedBy: 'agent-1', firstContactResolution: true, forced: false, abandonedCollaborationIds: [],
        }),
      ];
      await runtime.store.appendToStream(streamId('ticket', t.ticketId), events, { expectedRevision: 'no_stream' });
    }

    const periodStart = Date.parse('2026-10-05T00:00:00Z');
    const periodEnd = periodStart + WEEK;

    beforeAll(async () => {
      // An article that answers the parcel-locker problem, so only the gift-card one lacks an article.
      await publishedArticle('kb-locker-code', {
        title: 'I did not receive my parcel locker pickup code',
        body: 'If the parcel locker pickup code SMS never arrived, we can resend the pickup code and ask the carrier to hold the parcel in the locker longer.',
        category: 'logistics',
        tags: ['locker', 'pickup code'],
      });
      const current = generateTickets({ 'gift-card-balance': 8, 'parcel-locker-code': 6, 'invoice-tax-id': 3, 'two-factor-lockout': 1 }, periodStart + HOUR, 'cur');
      const previous = generateTickets({ 'gift-card-balance': 1, 'parcel-locker-code': 6 }, periodStart - WEEK + HOUR, 'prev');
      for (const t of [...current, ...previous]) await resolvedTicket('acme', t);
      // Another tenant's tickets about the same problem never show up in acme's problems.
      for (const t of generateTickets({ 'gift-card-balance': 7 }, periodStart + HOUR, 'globex')) await resolvedTicket('globex', t);
      const macros: Array<[string, string, string, string | null]> = [
        ['mac-gift', 'Gift card balance explained', 'Hi {{ticket.customerName}}, gift card balances cover the item subtotal only; remove add-ons to apply it.', 'payment'],
        ['mac-locker', 'Resend locker pickup code', 'We resent your parcel locker pickup code.', 'logistics'],
        ['mac-thanks', 'Thanks for waiting', 'Thank you for your patience.', null],
      ];
      await runtime.store.appendToStream(
        streamId(resolutionConfigStream, 'acme'),
        macros.map(([macroId, name, body, category]) =>
          stampEvent(MacroSaved, meta('acme', periodStart, { kind: 'supervisor', id: 'sup-1' }), { tenantId: 'acme', macroId, name, body, setStatus: null, resolutionCode: null, addTags: [], category: category as never, reason: 'test' }),
        ),
      );
      await until(async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM knowledge.tickets WHERE "resolvedAt" IS NOT NULL`);
        const [{ m }] = await dataSource.query(`SELECT count(*)::int AS m FROM knowledge.macros`);
        return n === current.length + previous.length + 7 && m === 3 ? true : undefined;
      }, 'tickets and macros');
      await searchFinds(KEYS.agent, 'parcel locker pickup code', 'kb-locker-code');
    });

    it('suggests articles and macros ranked for a ticket’s text and category; other tenants get 404', async () => {
      const locker = await agent.get('/knowledge/tickets/cur-parcel-locker-code-0/suggestions').expect(200);
      expect(locker.body).toMatchObject({ ticketId: 'cur-parcel-locker-code-0', category: 'logistics' });
      expect(locker.body.articles[0].articleId).toBe('kb-locker-code');
      expect(locker.body.macros[0].macroId).toBe('mac-locker');
      const gift = await agent.get('/knowledge/tickets/cur-gift-card-balance-1/suggestions?limit=2').expect(200);
      expect(gift.body.macros[0].macroId).toBe('mac-gift');
      expect(gift.body.macros.map((m: { macroId: string }) => m.macroId)).not.toContain('mac-thanks');
      await as(KEYS.other).get('/knowledge/tickets/cur-gift-card-balance-1/suggestions').expect(404);
      await as(KEYS.customer).get('/knowledge/tickets/cur-gift-card-balance-1/suggestions').expect(403);
    });

    it('reports the top problems of a period with trends, tenant-scoped; only the unanswered frequent one becomes a system draft, once', async () => {
      const range = `from=${new Date(periodStart).toISOString()}&to=${new Date(periodEnd).toISOString()}`;
      const { body: report } = await as(KEYS.analyst).get(`/knowledge/problems?${range}`).expect(200);
      expect(report.problems.map((p: { category: string; count: number; previousCount: number; rising: boolean }) => [p.category, p.count, p.previousCount, p.rising])).toEqual([
        ['payment', 8, 1, true],
        ['logistics', 6, 6, false],
        ['order_change', 3, 0, true],
      ]);
      const [gift, locker] = report.problems;
      expect(locker).toMatchObject({ answered: true, bestArticleId: 'kb-locker-code' });
      expect(gift).toMatchObject({ answered: false, proposedArticleId: null });
      expect(gift.ticketIds).toHaveLength(8);
      const globex = await as(KEYS.other).get(`/knowledge/problems?${range}`).expect(200);
      expect(globex.body.problems.map((p: { count: number }) => p.count)).toEqual([7]);
      // The same report over gRPC (what the feedback report or a BI job would call).
      const grpc = grpcClient();
      try {
        const viaGrpc = await grpc.call<{ problems: Array<{ category: string; count: number; previousCount: number; rising: boolean; answered: boolean; bestArticleId: string }> }>(
          'TopProblems',
          { from: new Date(periodStart).toISOString(), to: new Date(periodEnd).toISOString() },
          KEYS.analyst,
        );
        expect(viaGrpc.problems.map((p) => [p.category, p.count, p.previousCount, p.rising, p.answered])).toEqual(
          report.problems.map((p: { category: string; count: number; previousCount: number; rising: boolean; answered: boolean }) => [p.category, p.count, p.previousCount, p.rising, p.answered]),
        );
        const suggested = await grpc.call<{ category: string; articles: Array<{ articleId: string }>; macros: Array<{ macroId: string }> }>('SuggestForTicket', { ticketId: 'cur-parcel-locker-code-0' }, KEYS.agent);
        expect([suggested.category, suggested.articles[0].articleId, suggested.macros[0].macroId]).toEqual(['logistics', 'kb-locker-code', 'mac-locker']);
        await expect(grpc.call('TopProblems', {}, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
      } finally {
        grpc.close();
      }

      const run = await supervisor.post('/knowledge/learning/run', { from: new Date(periodStart).toISOString(), to: new Date(periodEnd).toISOString() }).expect(200);
      expect(run.body.proposals).toEqual([expect.objectContaining({ category: 'payment', count: 8 })]);
      const articleId = run.body.proposals[0].articleId;
      const events = await runtime.store.readStream(articleStream('acme', articleId));
      expect(events.map((e) => e.type)).toEqual(['ArticleDrafted', 'ArticleSubmittedForReview']);
      expect(events[0]).toMatchObject({ actor: { kind: 'system', id: 'knowledge-learning' }, data: { origin: 'learned', category: 'payment', audience: 'internal' } });
      expect((events[0].data as { sourceTicketIds: string[] }).sourceTicketIds).toHaveLength(8);
      expect((events[0].data as { body: string }).body).toContain('gift card balances cover the item subtotal only'.replace(/^g/, 'G'));
      expect((events[1].data as { note: string }).note).toMatch(/8 tickets .* resolved .*no article|confidence/);

      // Once: the next run (and the report) know the problem has a draft waiting for review.
      const again = await supervisor.post('/knowledge/learning/run', { from: new Date(periodStart).toISOString(), to: new Date(periodEnd).toISOString() }).expect(200);
      expect(again.body.proposals).toEqual([]);
      const after = await until(async () => {
        const { body } = await as(KEYS.analyst).get(`/knowledge/problems?${range}`).expect(200);
        return body.problems[0].proposedArticleId ? body : undefined;
      }, 'learned sources');
      expect(after.problems[0].proposedArticleId).toBe(articleId);
      // A human reviews and publishes it like any article (the system wrote it, so anyone may approve).
      await supervisor.post(`/articles/${articleId}/publish`, {}).expect(200);

      const bad = await as(KEYS.analyst).get(`/knowledge/problems?from=${new Date(periodEnd).toISOString()}&to=${new Date(periodStart).toISOString()}`).expect(400);
      expect(JSON.stringify(bad.body.errors)).toContain('from');
    });

    it('lists weak articles (enough votes, low helpful ratio) for editors, not for agents', async () => {
      await publishedArticle('kb-weak', { title: 'Old shipping rates', body: 'Shipping costs 5 EUR.', category: 'logistics' });
      for (const [key, helpful] of [[KEYS.customer, false], [KEYS.agent, false], [KEYS.agent2, false], [KEYS.customer, true], [KEYS.customer, false]] as const) {
        await as(key).post('/articles/kb-weak/feedback', { helpful }).expect(201);
      }
      for (let i = 0; i < 5; i++) await as(KEYS.customer).post('/articles/kb-locker-code/feedback', { helpful: i !== 0 }).expect(201);
      const weak = await until(async () => {
        const { body } = await supervisor.get('/knowledge/weak-articles').expect(200);
        return body.articles.length > 0 && body.articles[0].notHelpful === 4 ? body : undefined;
      }, 'feedback counts');
      expect(weak.articles).toEqual([expect.objectContaining({ articleId: 'kb-weak', helpful: 1, notHelpful: 4, helpfulRatio: 0.2 })]);
      const lenient = await supervisor.get('/knowledge/weak-articles?minVotes=10').expect(200);
      expect(lenient.body.articles).toEqual([]);
      await agent.get('/knowledge/weak-articles').expect(403);
      await supervisor.get('/knowledge/weak-articles?maxHelpfulRatio=2').expect(400);
    });

    it('lists frequent recent customer questions self-service cannot answer with today’s articles', async () => {
      // Customers write in today: four about gift cards (no public article), one about something else.
      const now = Date.now();
      const fresh = generateTickets({ 'gift-card-balance': 4, 'two-factor-lockout': 1 }, now - HOUR, 'new');
      for (const t of fresh) await runtime.store.appendToStream(streamId('ticket', t.ticketId), openingEvents('acme', t, t.resolvedAt), { expectedRevision: 'no_stream' });
      await until(async () => {
        const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM knowledge.tickets WHERE "ticketId" LIKE 'new-%'`);
        return n === fresh.length ? true : undefined;
      }, 'open tickets');
      const { body: weak } = await supervisor.get('/knowledge/weak-articles').expect(200);
      expect(weak.noAnswerQueries).toEqual([
        expect.objectContaining({ category: 'payment', count: 4, ticketIds: ['new-gift-card-balance-0', 'new-gift-card-balance-1', 'new-gift-card-balance-2', 'new-gift-card-balance-3'] }),
      ]);
      const strict = await supervisor.get('/knowledge/weak-articles?minFrequency=5').expect(200);
      expect(strict.body.noAnswerQueries).toEqual([]);
      const grpc = grpcClient();
      try {
        const viaGrpc = (body: object) => grpc.call<{ noAnswerQueries: Array<{ ticketIds: string[] }> }>('ListWeakArticles', body, KEYS.supervisor);
        expect((await viaGrpc({})).noAnswerQueries.map((q) => q.ticketIds)).toEqual(weak.noAnswerQueries.map((q: { ticketIds: string[] }) => q.ticketIds));
        expect((await viaGrpc({ minFrequency: 5 })).noAnswerQueries).toEqual([]);
      } finally {
        grpc.close();
      }
      const globex = await as(KEYS.other).get('/knowledge/weak-articles').expect(200);
      expect(globex.body.noAnswerQueries).toEqual([]);
    });

    it('suggests resolution’s default macros the tenant kept, not the ones it removed, and its overrides instead of the defaults', async () => {
      // globex saved no macros: its gift-card (payment) ticket gets the default payment macro.
      const suggested = async () => (await as(KEYS.other).get('/knowledge/tickets/globex-gift-card-balance-0/suggestions?limit=20').expect(200)).body.macros as Array<{ macroId: string; name: string }>;
      expect((await suggested()).map((m) => m.macroId)).toContain('default.payment-problem');
      await runtime.store.appendToStream(streamId(resolutionConfigStream, 'globex'), [
        stampEvent(MacroRemoved, meta('globex', periodStart, { kind: 'supervisor', id: 'sup-9' }), { tenantId: 'globex', macroId: 'default.payment-problem', reason: 'we do not take payments' }),
        stampEvent(MacroSaved, meta('globex', periodStart, { kind: 'supervisor', id: 'sup-9' }), {
          tenantId: 'globex', macroId: 'default.order-status', name: 'Gift card and order status', body: 'Gift card balance and order {{ticket.orderNumber}} status.', setStatus: null, resolutionCode: null, addTags: [], category: 'payment', reason: 'ours',
        }),
      ]);
      const after = await until(async () => {
        const macros = await suggested();
        return macros.some((m) => m.name === 'Gift card and order status') && !macros.some((m) => m.macroId === 'default.payment-problem') ? macros : undefined;
      }, 'macro removal and override');
      expect(after.filter((m) => m.macroId === 'default.order-status')).toEqual([expect.objectContaining({ name: 'Gift card and order status' })]);
      // acme's own macros still come first for its tickets, with the defaults it kept among the rest.
      const acme = await agent.get('/knowledge/tickets/cur-gift-card-balance-1/suggestions?limit=20').expect(200);
      expect(acme.body.macros[0].macroId).toBe('mac-gift');
      expect(acme.body.macros.map((m: { macroId: string }) => m.macroId)).toContain('default.payment-problem');
    });

    it('counts customers accepting or declining self-service answers as article feedback, once per offer, into weak articles and ranking', async () => {
      const writer = as(KEYS.uAgent);
      const editor = as(KEYS.uSupervisor);
      const content = { title: 'Gift card balance at checkout', body: 'Enter the gift card code at checkout; the balance covers the item subtotal.', category: 'payment', tags: ['gift card'] };
      await publishedArticle('kb-gift', content, 'en', [writer, editor]);
      // Its twin says the same; only feedback can tell them apart in the ranking.
      await publishedArticle('kb-gift-twin', content, 'en', [writer, editor]);
      const twins = await searchFinds(KEYS.uCustomer, 'gift card balance checkout', 'kb-gift-twin');
      expect(twins.slice(0, 2).map((r: { articleId: string }) => r.articleId).sort()).toEqual(['kb-gift', 'kb-gift-twin']);

      /** What intake writes: the ticket, the offer from `articleId`, the customer's answer (and the deflection). */
      const offerAnswered = async (tenantId: string, ticketId: string, articleId: string, accepted: boolean) => {
        const t = { ticketId, category: 'payment', language: 'en', subject: 'Gift card', text: 'My gift card balance is not applied', reply: '', resolutionSummary: '', resolvedAt: Date.now() };
        const offerId = `offer-${ticketId}`;
        const events: NewEvent[] = [
          ...openingEvents(tenantId, t, Date.now() - HOUR),
          stampEvent(SelfServiceAnswerOffered, meta(tenantId, Date.now() - HOUR, { kind: 'service', id: 'intake' }), { ticketId, offerId, articleId, answer: content.body, confidence: 0.9, channel: 'email' }),
          stampEvent(SelfServiceOfferAnswered, meta(tenantId, Date.now() - HOUR + 60_000, { kind: 'customer', id: 'cust-1' }), { ticketId, offerId, accepted }),
        ];
        if (accepted) {
          events.push(stampEvent(TicketResolved, meta(tenantId, Date.now() - HOUR + 60_000, { kind: 'customer', id: 'cust-1' }), {
            ticketId, resolutionCode: 'deflected', summary: `Customer accepted the self-service answer from article ${articleId}.`, resolvedBy: 'self-service', firstContactResolution: true, forced: false, abandonedCollaborationIds: [],
          }));
        }
        await runtime.store.appendToStream(streamId('ticket', ticketId), events, { expectedRevision: 'no_stream' });
      };
      for (let i = 0; i < 6; i++) await offerAnswered('umbrella', `ss-${i}`, 'kb-gift', i === 0);
      // Another tenant's offer naming the same article id counts nowhere (its tenant has no such article).
      await offerAnswered('acme', 'ss-acme-0', 'kb-gift', false);

      const weak = await until(async () => {
        const { body } = await editor.get('/knowledge/weak-articles').expect(200);
        const gift = body.articles.find((a: { articleId: string }) => a.articleId === 'kb-gift');
        return gift && gift.helpful + gift.notHelpful === 6 ? body : undefined;
      }, 'self-service votes');
      expect(weak.articles).toEqual([expect.objectContaining({ articleId: 'kb-gift', helpful: 1, notHelpful: 5, helpfulRatio: 0.167 })]);
      const votes = (await runtime.store.readStream(articleStream('umbrella', 'kb-gift'))).filter((e) => e.type === 'ArticleFeedbackRecorded');
      expect(votes[0]).toMatchObject({ actor: { kind: 'customer', id: 'cust-1' }, schemaVersion: 2, data: { source: 'customer', ticketId: 'ss-0', offerId: 'offer-ss-0', helpful: true } });

      // Redelivered answers (one after another, and three at once) change nothing.
      const answers = (await runtime.store.readAll({ categories: ['ticket'], maxCount: 100_000 })).filter((e) => e.type === 'SelfServiceOfferAnswered' && e.tenantId === 'umbrella');
      expect(answers).toHaveLength(6);
      const policy = running.app.get(SelfServiceFeedbackPolicy);
      for (const answer of answers) await policy.handle(answer);
      await Promise.all([policy.handle(answers[1]), policy.handle(answers[1]), policy.handle(answers[1])]);
      expect(await countOf(articleStream('umbrella', 'kb-gift'), 'ArticleFeedbackRecorded')).toBe(6);
      expect(await countOf(articleStream('acme', 'kb-gift'), 'ArticleFeedbackRecorded')).toBe(0);
      const details = await writer.get('/articles/kb-gift').expect(200);
      expect(details.body).toMatchObject({ helpful: 1, notHelpful: 5 });

      // Ranking: the declined article now ranks below its twin for the same words.
      const ranked = await until(async () => {
        const { body } = await as(KEYS.uCustomer).get(`/knowledge/search?q=${encodeURIComponent('gift card balance checkout')}`).expect(200);
        const gift = body.results.find((r: { articleId: string }) => r.articleId === 'kb-gift');
        return gift?.notHelpful === 5 ? body.results : undefined;
      }, 'feedback in the search index');
      expect(ranked.slice(0, 2).map((r: { articleId: string }) => r.articleId)).toEqual(['kb-gift-twin', 'kb-gift']);

      // The same listing over gRPC, with REST's parameters and validation.
      const grpc = grpcClient();
      try {
        const list = (body: object, key = KEYS.uSupervisor) => grpc.call<{ articles: Array<{ articleId: string; helpful: number; notHelpful: number }> }>('ListWeakArticles', body, key);
        expect((await list({})).articles).toEqual([expect.objectContaining({ articleId: 'kb-gift', helpful: 1, notHelpful: 5 })]);
        expect((await list({ minVotes: 7 })).articles).toEqual([]);
        expect((await list({ maxHelpfulRatio: 0.1 })).articles).toEqual([]);
        expect((await list({ minVotes: 6, maxHelpfulRatio: 0.2 })).articles.map((a) => a.articleId)).toEqual(['kb-gift']);
        await expect(list({ maxHelpfulRatio: 2 })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('maxHelpfulRatio') });
        await expect(list({ minVotes: -1 })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('minVotes') });
        await expect(list({ minFrequency: 1 })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: expect.stringContaining('minFrequency') });
        await expect(list({}, KEYS.uAgent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
      } finally {
        grpc.close();
      }
    });
  });
});
