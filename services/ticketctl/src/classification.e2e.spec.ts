import { Global, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SELF_SERVICE_PORT, type SelfServicePort } from '@ticketing/contracts';
import { createRuntime, loadConfig, startApp, startRelay, type ServiceDescriptor } from '@ticketing/platform';
import { intakeService } from '@ticketing/intake';
import { eventually } from '@ticketing/eventstore/testing';
import { createServer } from 'node:net';

// Not from ./testing/embedded-app: that module loads every service, and this suite needs intake only.
const KEYS = {
  acmeSupervisor: 'acme-supervisor-key-000001',
  acmeAgent: 'acme-agent-key-0000000001',
  acmeCustomer: 'acme-customer-key-000001',
  globexAgent: 'globex-agent-key-0000001',
};
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * A knowledge service stand-in that provides the self-service port in-process, as knowledge will:
 * it answers parcel-tracking questions and nothing else. (The real knowledge module does not provide
 * the port yet; this checks intake's side of the contract through the real in-process adapter.)
 */
const asked: Array<{ tenantId: string; text: string; locale: string }> = [];
const knowledgeStandIn: SelfServicePort = {
  async answer(tenantId, text, locale) {
    asked.push({ tenantId, text, locale });
    return /快递|物流|parcel|tracking/i.test(text)
      ? { articleId: 'kb-track-parcel', answer: '在「我的订单 → 查看物流」可以看到包裹的实时位置。', confidence: 0.91 }
      : null;
  },
};
@Global()
@Module({ providers: [{ provide: SELF_SERVICE_PORT, useValue: knowledgeStandIn }], exports: [SELF_SERVICE_PORT] })
class KnowledgeStandInModule {}

describe('classification and self-service in the embedded runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketing-classify-'));
  let stop: () => Promise<void>;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      API_KEYS: [
        `${KEYS.acmeSupervisor}:acme:supervisor:sup-1`,
        `${KEYS.acmeAgent}:acme:agent:agent-1`,
        `${KEYS.acmeCustomer}:acme:customer:cust-1`,
        `${KEYS.globexAgent}:globex:agent:agent-1`,
      ].join(','),
    });
    const runtime = await createRuntime(config);
    // Intake alone plus the stand-in: classification and self-service need nothing else.
    const services: ServiceDescriptor[] = [intakeService, { name: 'knowledge', module: KnowledgeStandInModule, entities: [], projections: [] }];
    const running = await startApp(runtime, services);
    const relay = startRelay(runtime);
    http = request(running.httpUrl);
    stop = async () => {
      await relay.stop();
      await running.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => stop?.());

  const history = async (ticketId: string) =>
    (await http.get(`/tickets/${ticketId}`).set('X-Api-Key', KEYS.acmeAgent).expect(200)).body as {
      state: { status: string; category: string | null; priority: string | null };
      history: Array<{ type: string; actor: { kind: string; id: string }; data: Record<string, unknown> }>;
    };
  const open = async (body: Record<string, unknown>) =>
    (await http.post('/tickets').set('X-Api-Key', KEYS.acmeCustomer).send({ customerHandle: 'li.wei@example.com', ...body }).expect(201)).body.ticketId as string;

  it('manages tenant settings by API, refusing bad rules field by field and writing nothing', async () => {
    const settings = {
      rules: [{ name: 'battery recall', when: { textContains: ['电池鼓包'] }, then: { category: 'technical_fault', priority: 'urgent', tags: ['recall'] } }],
      triageThreshold: 0.3,
      selfService: { enabled: true, minConfidence: 0.8, categories: ['logistics', 'order_status'] },
    };
    const bad = await http
      .put('/classification/settings')
      .set('X-Api-Key', KEYS.acmeSupervisor)
      .send({ rules: [{ name: 'x', when: { channels: ['fax'] }, then: { category: 'nope' } }] })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['rules[0].when.channels', 'rules[0].then.category']));
    await http.put('/classification/settings').set('X-Api-Key', KEYS.acmeAgent).send(settings).expect(403);
    expect((await http.get('/classification/settings').set('X-Api-Key', KEYS.acmeAgent).expect(200)).body.rules).toEqual([]);

    const put = await http.put('/classification/settings').set('X-Api-Key', KEYS.acmeSupervisor).send(settings).expect(200);
    expect(put.body).toMatchObject({ ...settings, revision: 0, updatedBy: 'supervisor:sup-1' });
    // The settings are an event stream; GET reads its projection, which follows the log.
    const saved = await eventually(async () => {
      const { body } = await http.get('/classification/settings').set('X-Api-Key', KEYS.acmeAgent).expect(200);
      return body.revision === 0 ? body : undefined;
    });
    expect(saved).toMatchObject(settings);
    // Another tenant's settings are its own.
    expect((await http.get('/classification/settings').set('X-Api-Key', KEYS.globexAgent).expect(200)).body.rules).toEqual([]);
  });

  it('classifies each new ticket once (model, or the tenant rule) and offers self-service on instant channels', async () => {
    const byModel = await open({ channel: 'chat', subject: '物流', text: '快递三天没更新了，帮忙查一下我的包裹到哪了' });
    const byRule = await open({ channel: 'email', subject: '充电宝', text: '充電寶電池鼓包了，很危險' });

    const modelled = await eventually(async () => {
      const t = await history(byModel);
      return t.history.some((e) => e.type === 'SelfServiceAnswerOffered') ? t : undefined;
    });
    const classified = modelled.history.filter((e) => e.type === 'TicketClassified');
    expect(classified).toHaveLength(1);
    expect(classified[0].actor).toEqual({ kind: 'service', id: 'intake' });
    expect(classified[0].data).toMatchObject({ category: 'logistics', source: 'model', language: 'zh-Hans', needsTriage: false });
    const offer = modelled.history.find((e) => e.type === 'SelfServiceAnswerOffered')!;
    expect(offer.data).toMatchObject({ articleId: 'kb-track-parcel', channel: 'chat', confidence: 0.91 });
    expect(asked.filter((a) => a.tenantId === 'acme')).toHaveLength(1);

    const ruled = await eventually(async () => {
      const t = await history(byRule);
      return t.history.some((e) => e.type === 'TicketClassified') ? t : undefined;
    });
    expect(ruled.history.find((e) => e.type === 'TicketClassified')!.data).toMatchObject({
      category: 'technical_fault', priority: 'urgent', source: 'rules', confidence: 1, tags: ['recall'], language: 'zh-Hant',
    });
    // email is async: no self-service offer
    expect(ruled.history.some((e) => e.type === 'SelfServiceAnswerOffered')).toBe(false);

    // The customer accepts: resolved as deflected; a retry changes nothing; another tenant gets 404.
    const offerId = offer.data.offerId as string;
    await http.post(`/tickets/${byModel}/self-service/answer`).set('X-Api-Key', KEYS.globexAgent).send({ offerId, accepted: true }).expect(404);
    await http.post(`/tickets/${byModel}/self-service/answer`).set('X-Api-Key', KEYS.acmeCustomer).send({ offerId, accepted: 'yes' }).expect(400);
    const accepted = await http.post(`/tickets/${byModel}/self-service/answer`).set('X-Api-Key', KEYS.acmeCustomer).send({ offerId, accepted: true }).expect(200);
    expect(accepted.body).toMatchObject({ status: 'resolved', events: ['SelfServiceOfferAnswered', 'TicketResolved'] });
    const again = await http.post(`/tickets/${byModel}/self-service/answer`).set('X-Api-Key', KEYS.acmeCustomer).send({ offerId, accepted: true }).expect(200);
    expect(again.body.events).toEqual([]);
    const resolved = await history(byModel);
    expect(resolved.history.find((e) => e.type === 'TicketResolved')!.data).toMatchObject({ resolutionCode: 'deflected' });
  });

  it("learns from agents' corrections: reclassify, then retrain on the tenant's data", async () => {
    const ticketId = await open({ channel: 'webform', subject: 'Gift wrap', text: 'Can you gift wrap my order with a card saying happy birthday?' });
    await eventually(async () => ((await history(ticketId)).state.category !== null ? true : undefined));
    await http
      .put(`/tickets/${ticketId}/classification`)
      .set('X-Api-Key', KEYS.acmeAgent)
      .send({ category: 'order_change', priority: 'normal', complaint: false, reason: 'gift wrapping is a change to the order' })
      .expect(200);
    await http.put(`/tickets/${ticketId}/classification`).set('X-Api-Key', KEYS.acmeAgent).send({ category: 'bogus' }).expect(400);
    const retrained = await eventually(async () => {
      const { body } = await http.post('/classification/retrain').set('X-Api-Key', KEYS.acmeSupervisor).expect(200);
      return body.corrections === 1 ? body : undefined;
    });
    expect(retrained.trainSeconds).toBeGreaterThan(0);
    const preview = await http
      .post('/classification/classify')
      .set('X-Api-Key', KEYS.acmeAgent)
      .send({ text: 'Can you gift wrap my order with a card saying happy birthday?' })
      .expect(200);
    expect(preview.body.category).toBe('order_change');
    // globex has no corrections: its retrain uses the default model only.
    expect((await http.post('/classification/classify').set('X-Api-Key', KEYS.globexAgent).send({ text: '' }).expect(200)).body).toHaveProperty('category');
  });
});
