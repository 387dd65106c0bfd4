import request from 'supertest';
import { eventually, KEYS, startEmbeddedApp, type EmbeddedApp } from './testing/embedded-app';

/**
 * Walks every endpoint in the OpenAPI document (so a new endpoint is covered without editing this
 * test): without credentials each answers 401; as tenant B each either refuses tenant A's resource
 * or answers without any of tenant A's data, and tenant A's ticket is unchanged afterwards.
 */
describe('tenant isolation and authentication on every endpoint', () => {
  let app: EmbeddedApp;
  let http: ReturnType<typeof request>;
  let acmeTicket: string;
  let acmeArticle: string;
  let endpoints: Array<{ method: string; path: string; public: boolean }>;

  beforeAll(async () => {
    app = await startEmbeddedApp();
    http = request(app.running.httpUrl);
    await http.post('/agents').set('X-Api-Key', KEYS.acmeSupervisor).send({ agentId: 'agent-1', name: 'Ada', skills: [], languages: ['en'], capacity: 3 }).expect(201);
    const opened = await http
      .post('/tickets')
      .set('X-Api-Key', KEYS.acmeCustomer)
      .send({ channel: 'email', customerHandle: 'secret-customer@acme.example', subject: 'ACME-SECRET-SUBJECT', text: 'private' })
      .expect(201);
    acmeTicket = opened.body.ticketId;
    // knowledge (issue 7): an article of tenant A, with a title that must never reach tenant B.
    const drafted = await http
      .post('/articles')
      .set('X-Api-Key', KEYS.acmeAgent)
      .send({ title: 'ACME-SECRET-SUBJECT refunds', body: 'private', category: 'refund', audience: 'internal', locale: 'en' })
      .expect(201);
    acmeArticle = drafted.body.articleId;
    // intake (issue 3): tenant A's classification rule and taxonomy, whose names must never reach tenant B.
    await http
      .put('/classification/settings')
      .set('X-Api-Key', KEYS.acmeSupervisor)
      .send({
        rules: [{ name: 'ACME-SECRET-SUBJECT rule', when: { textContains: ['private'] }, then: { tags: ['acme'], subcategory: 'acme-secret' } }],
        taxonomy: { disabledCategories: ['presale_inquiry'], subcategories: [{ slug: 'acme-secret', category: 'other', labels: { en: 'ACME-SECRET-SUBJECT kind' }, keywords: ['private'] }] },
        reason: 'acme rule',
      })
      .expect(200);
    await eventually(async () => {
      const { body } = await http.get('/tickets').set('X-Api-Key', KEYS.acmeSupervisor);
      return body.tickets?.length > 0 ? true : undefined;
    });
    const { body: openApi } = await http.get('/docs-json').expect(200);
    endpoints = Object.entries(openApi.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method, path, public: path.startsWith('/health') || path === '/surveys/answers' })),
    );
    expect(endpoints.length).toBeGreaterThanOrEqual(9);
  });
  afterAll(async () => app?.stop());

  const concrete = (path: string) =>
    path
      .replace('{ticketId}', acmeTicket)
      .replace('{articleId}', acmeArticle)
      .replace('{agentId}', 'agent-1')
      .replace('{collaborationId}', '01890000-0000-7000-8000-000000000001')
      .replace('{compensationId}', '01890000-0000-7000-8000-000000000002')
      .replace('{macroId}', 'globex-macro')
      .replace('{callbackId}', '01890000-0000-7000-8000-000000000004');
  const call = (method: string, path: string) => (http as unknown as Record<string, (p: string) => request.Test>)[method](concrete(path));

  it('answers 401 problem+json to every non-public endpoint without credentials', async () => {
    for (const endpoint of endpoints.filter((e) => !e.public)) {
      const response = await call(endpoint.method, endpoint.path).send({});
      expect({ endpoint, status: response.status }).toEqual({ endpoint, status: 401 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const wrongKey = await http.get('/tickets').set('X-Api-Key', 'no-such-key-00000000');
    expect(wrongKey.status).toBe(401);
  });

  it("never shows or changes tenant A's data to tenant B, even as B's admin", async () => {
    const before = await http.get(`/tickets/${acmeTicket}`).set('X-Api-Key', KEYS.acmeSupervisor).expect(200);
    for (const endpoint of endpoints.filter((e) => !e.public)) {
      for (const key of [KEYS.globexAdmin, KEYS.globexAgent]) {
        const body = endpoint.method === 'get' ? undefined : plausibleBody(endpoint.path);
        const response = await call(endpoint.method, endpoint.path).set('X-Api-Key', key).send(body);
        const text = JSON.stringify(response.body);
        expect({ endpoint, leaked: text.includes('ACME-SECRET-SUBJECT') || text.includes('secret-customer') }).toEqual({ endpoint, leaked: false });
        if (endpoint.path.includes('{ticketId}') || endpoint.path.includes('{articleId}')) {
          expect({ endpoint, refused: [403, 404].includes(response.status) }).toEqual({ endpoint, refused: true });
        }
      }
    }
    const after = await http.get(`/tickets/${acmeTicket}`).set('X-Api-Key', KEYS.acmeSupervisor).expect(200);
    expect(after.body.revision).toBe(before.body.revision);
    const agents = await http.get('/agents').set('X-Api-Key', KEYS.globexAdmin).expect(200);
    expect(agents.body.agents.map((a: { agentId: string; name: string }) => a.name)).not.toContain('Ada');
  });
});

/** A valid body for each mutating endpoint, so B's call gets past validation to the tenant check. */
function plausibleBody(path: string): object {
  // intake (issue 3)
  if (path.endsWith('/classification')) return { category: 'refund', priority: 'normal', complaint: false, reason: 'globex says so' };
  if (path.endsWith('/self-service/answer')) return { offerId: 'offer-1', accepted: true };
  if (path === '/classification/settings') {
    return { triageThreshold: 0.5, taxonomy: { disabledCategories: ['presale_inquiry'], subcategories: [{ slug: 'globex-kind', category: 'payment', labels: { en: 'G' } }] }, reason: 'globex threshold' };
  }
  if (path === '/channels/settings') return { smtp: { url: 'smtp://relay.globex.example:25', from: 'help@globex.example' }, reason: 'globex relay' };
  // routing (issue 4)
  if (path.endsWith('/transfer')) return { toGroupId: 'general', reason: 'g' };
  if (path.endsWith('/hand-back')) return { reason: 'g' };
  // knowledge (issue 7)
  if (path === '/articles') return { title: 'G', body: 'g', category: 'other', audience: 'public', locale: 'en' };
  if (path === '/articles/{articleId}') return { title: 'G', body: 'g', category: 'other', audience: 'public' };
  if (path.startsWith('/articles/') && path.endsWith('/retire')) return { reason: 'x' };
  if (path.startsWith('/articles/') && path.endsWith('/schedule')) return { publishAt: '2099-01-01T00:00:00Z' };
  if (path.startsWith('/articles/') && path.endsWith('/feedback')) return { helpful: false };
  if (path.startsWith('/articles/')) return {};
  if (path === '/knowledge/answers') return { text: 'refunds' };
  if (path === '/knowledge/articles/import') return { jsonl: '{"externalId":"globex-faq","locale":"en","title":"G","body":"g","category":"other"}' };
  if (path === '/knowledge/learning/run') return { minFrequency: 2 };
  // feedback (issue 6)
  if (path.endsWith('/survey/answers')) return { surveyId: 's-1', rating: 4 };
  if (path === '/surveys/answers') return { token: 'forged.token', rating: 4 };
  if (path === '/feedback-settings') {
    return {
      surveys: { enabled: true, delayMinutes: 0, channel: 'ticket', minIntervalHours: 0, answerDeadlineHours: 24, lowRatingThreshold: 2 },
      callbacks: { enabled: true, delayMinutes: 0, graceMinutes: 60, complexCategories: [] },
      reason: 'globex settings',
    };
  }
  if (path.endsWith('/completion')) return { outcome: 'no_answer', note: 'globex' };
  if (path === '/qa/scorecard') {
    return { criteria: [{ criterionId: 'attitude', name: 'A', weight: 1 }], samplingPercent: 5, coachingThreshold: 50, coachingPeriodDays: 30, coachingMinReviews: 3, reason: 'globex' };
  }
  if (path === '/qa/reviews') return { ticketId: '01890000-0000-7000-8000-000000000005', scores: [{ criterionId: 'attitude', score: 3 }] };
  if (path.endsWith('/replies') || path.endsWith('/notes')) return { text: 'hello from globex' };
  if (path.endsWith('/resolve')) return { resolutionCode: 'answered', summary: 'x' };
  // resolution (issue 5)
  if (path.endsWith('/info-requests') || path.endsWith('/progress-updates') || path.endsWith('/comments')) return { text: 'hello from globex' };
  if (path.endsWith('/tags')) return { add: ['globex'] };
  if (path.endsWith('/collaborations')) return { department: 'warehouse', question: 'q' };
  if (path.endsWith('/complete')) return { outcome: 'done' };
  if (path.endsWith('/decline') || path.endsWith('/approve') || path.endsWith('/reject')) return { reason: 'x' };
  if (path.endsWith('/compensations')) return { kind: 'coupon', amount: 100, currency: 'EUR', reason: 'x' };
  if (path.endsWith('/reopen')) return { reason: 'agent_request' };
  if (path.endsWith('/close')) return { reason: 'manual' };
  if (path.endsWith('/merge')) return { targetTicketId: '01890000-0000-7000-8000-000000000003', reason: 'x' };
  if (path.startsWith('/macros/')) return { name: 'G', body: 'hi {{ticket.subject}}' };
  if (path.endsWith('/presence')) return { presence: 'online' };
  if (path === '/agents') return { agentId: 'agent-9', name: 'G', skills: [], languages: [], capacity: 1 };
  if (path === '/tickets') return { channel: 'chat', customerHandle: 'g@globex.example', subject: 'hi', text: 'hi' };
  return {};
}
