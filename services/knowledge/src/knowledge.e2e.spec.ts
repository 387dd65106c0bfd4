import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import request from 'supertest';
import { seedArticles } from '../seed/seed-articles';
import { SELF_SERVICE_PORT, type SelfServicePort } from '@ticketing/contracts';
import { knowledgeService } from './index';

/**
 * The knowledge service alone on the embedded runtime (PGlite event store and read models,
 * in-process bus), over HTTP as a client uses it.
 */
const KEYS = { agent: 'acme-agent-key-00000001', supervisor: 'acme-super-key-00000001', customer: 'acme-cust-key-000000001', other: 'globex-admin-key-0000001' };

describe('knowledge over HTTP (embedded runtime)', () => {
  let runtime: Runtime;
  let running: RunningApp;
  let relay: { stop(): Promise<void> };
  let dataDir: string;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'knowledge-e2e-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      LOG_LEVEL: 'silent',
      API_KEYS: [`${KEYS.agent}:acme:agent:agent-1`, `${KEYS.supervisor}:acme:supervisor:sup-1`, `${KEYS.customer}:acme:customer:cust-1`, `${KEYS.other}:globex:admin:admin-9`].join(','),
    });
    runtime = await createRuntime(config);
    running = await startApp(runtime, [knowledgeService]);
    relay = startRelay(runtime);
    http = request(running.httpUrl);
    // The tenant's knowledge base: the English seed articles, published through the API.
    for (const seed of seedArticles().filter((a) => a.locale === 'en' && a.audience === 'public')) {
      const { articleId, locale, title, body, category, tags, audience } = seed;
      await http.post('/articles').set('X-Api-Key', KEYS.agent).send({ articleId, locale, title, body, category, tags, audience }).expect(201);
      await http.post(`/articles/${articleId}/submit`).set('X-Api-Key', KEYS.agent).send({}).expect(200);
      await http.post(`/articles/${articleId}/publish`).set('X-Api-Key', KEYS.supervisor).send({}).expect(200);
    }
  });

  afterAll(async () => {
    await relay?.stop();
    await running?.close();
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const as = (key: string) => ({
    post: (path: string, body: object, headers: Record<string, string> = {}) => http.post(path).set({ 'X-Api-Key': key, ...headers }).send(body),
    put: (path: string, body: object, headers: Record<string, string> = {}) => http.put(path).set({ 'X-Api-Key': key, ...headers }).send(body),
    get: (path: string) => http.get(path).set('X-Api-Key', key),
  });
  const agent = as(KEYS.agent);
  const supervisor = as(KEYS.supervisor);
  const customer = as(KEYS.customer);

  /** Polls the read model (the projection follows the bus) without sleeping for correctness. */
  async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('read model did not catch up');
  }

  const content = { title: 'How long does a refund take?', body: 'Refunds reach your **credit card** within 5 business days.', category: 'refund', audience: 'public', tags: ['refund'] };
  const article = { title: 'How long does a refund take?', body: 'Refunds reach your **credit card** within 5 business days.', category: 'refund', audience: 'public', locale: 'en', tags: ['refund'] };

  it('drafts, reviews, publishes; then search finds it with highlights and customers get an answer', async () => {
    const drafted = await agent.post('/articles', article, { 'Idempotency-Key': 'kb-1' }).expect(201);
    const id = drafted.body.articleId;
    expect(drafted.headers.etag).toBe('"0"');
    // A retried create answers with the same article, and writes nothing.
    const retried = await agent.post('/articles', article, { 'Idempotency-Key': 'kb-1' }).expect(200);
    expect(retried.body).toMatchObject({ articleId: id, revision: 0 });

    await agent.post(`/articles/${id}/submit`, {}, { 'If-Match': '"0"' }).expect(200);
    // Four eyes: the author cannot publish their own revision (and agents may not publish at all).
    await agent.post(`/articles/${id}/publish`, {}).expect(403);
    const published = await supervisor.post(`/articles/${id}/publish`, { note: 'ok' }).expect(200);
    expect(published.body).toMatchObject({ status: 'published', revision: 3 });

    const results = await until(async () => {
      const { body } = await customer.get(`/knowledge/search?q=${encodeURIComponent('refund credit card')}&locale=en`).expect(200);
      return body.results.length > 0 ? body.results : undefined;
    });
    expect(results[0]).toMatchObject({ articleId: id, title: article.title });
    expect(results[0].snippet).toContain('<mark>');

    const answer = await customer.post('/knowledge/answers', { text: 'how long does my refund take to reach my credit card', locale: 'en' }).expect(200);
    // Either our new article or the seed's refund article answers it; both are right.
    expect([id, 'kb-refund-time-en']).toContain(answer.body.answer?.articleId);
    expect(answer.body.answer.confidence).toBeGreaterThanOrEqual(0.8);
    // The same answer through the port intake calls in-process (channel language tags of any shape).
    const port = running.app.get<SelfServicePort>(SELF_SERVICE_PORT, { strict: false });
    expect([id, 'kb-refund-time-en']).toContain((await port.answer('acme', 'how long does my refund take to reach my credit card', 'en-GB'))?.articleId);
    expect(await port.answer('globex', 'how long does my refund take to reach my credit card', 'en')).toBeNull();
    const none = await customer.post('/knowledge/answers', { text: 'what is the weather in Shanghai', locale: 'en' }).expect(200);
    expect(none.body.answer).toBeNull();

    const detail = await supervisor.get(`/articles/${id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'published', publishedRevision: 1, approvals: [{ revision: 1, by: 'sup-1' }] });
    expect(detail.body.history.map((e: { type: string }) => e.type)).toEqual(['ArticleDrafted', 'ArticleSubmittedForReview', 'ArticleApproved', 'ArticlePublished']);
  });

  it('keeps every revision diffable and refuses a revision against an old one with 409, writing nothing', async () => {
    const { body } = await agent.post('/articles', { ...article, title: 'Return window' }).expect(201);
    const id = body.articleId;
    await agent.put(`/articles/${id}`, { ...content, title: 'Return window', body: 'Returns within 7 days.', reason: 'policy' }, { 'If-Match': '"0"' }).expect(200);
    const stale = await agent.put(`/articles/${id}`, { ...content, title: 'Return window', body: 'Returns within 30 days.' }, { 'If-Match': '"0"' }).expect(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body.currentRevision).toBe(1);
    const diff = await agent.get(`/articles/${id}/diff?from=1&to=2`).expect(200);
    expect(diff.body.patch).toContain('+Returns within 7 days.');
    const detail = await agent.get(`/articles/${id}`).expect(200);
    expect(detail.body.revisions).toHaveLength(2);
  });

  it('rejects bad input with problem+json naming the field, and changes nothing', async () => {
    const cases: Array<[request.Test, string]> = [
      [customer.get('/knowledge/search?q='), 'q'],
      [customer.get(`/knowledge/search?q=${'退款'.repeat(600)}`), 'q'],
      [customer.get('/knowledge/search?q=refund&locale=xx-YY'), 'locale'],
      [agent.post('/articles', { ...article, locale: 'klingon' }), 'locale'],
      [agent.post('/articles', { ...article, body: 'x'.repeat(100_001) }), 'body'],
      [customer.post('/knowledge/answers', { text: '   ' }), 'text'],
    ];
    for (const [call, field] of cases) {
      const response = await call;
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
    // Publishing an article with no body: a clear error naming the body; nothing is appended.
    const { body } = await agent.post('/articles', { ...article, title: 'Empty', body: '' }).expect(201);
    await agent.post(`/articles/${body.articleId}/submit`, {}).expect(200);
    const refused = await supervisor.post(`/articles/${body.articleId}/publish`, {}).expect(422);
    expect(refused.body.detail).toMatch(/^body: /);
    const detail = await agent.get(`/articles/${body.articleId}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'in_review', revision: 1 });
  });

  it("answers another tenant's article as 404 and never finds it in search", async () => {
    const { body } = await agent.post('/articles', { ...article, title: 'Secret internal process', audience: 'internal' }).expect(201);
    const other = as(KEYS.other);
    await other.get(`/articles/${body.articleId}`).expect(404);
    await other.post(`/articles/${body.articleId}/retire`, { reason: 'x' }).expect(404);
    const { body: found } = await other.get('/knowledge/search?q=refund%20secret%20internal').expect(200);
    expect(found.results).toEqual([]);
  });

  it('feedback reaches the ranking through the read model', async () => {
    const { body } = await customer.get('/knowledge/search?q=refund&locale=en').expect(200);
    const id = body.results[0].articleId;
    await customer.post(`/articles/${id}/feedback`, { helpful: true }).expect(201);
    const after = await until(async () => {
      const { body: b } = await customer.get('/knowledge/search?q=refund&locale=en').expect(200);
      return b.results[0].helpful === 1 ? b.results[0] : undefined;
    });
    expect(after.score).toBeGreaterThan(body.results[0].score);
  });
});
