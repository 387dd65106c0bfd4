import { status as GrpcStatus } from '@grpc/grpc-js';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { intakeGrpcClient } from '../testing/grpc-client';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import { TrainingExample } from './training-example.entity';

const taxonomy = {
  disabledCategories: ['logistics'],
  categoryLabels: { payment: { 'zh-CN': '付款', en: 'Paying' } },
  priorityLabels: { urgent: { 'zh-CN': '加急' } },
  subcategories: [
    { slug: 'cod', category: 'payment', labels: { 'zh-CN': '货到付款', en: 'Cash on delivery' }, keywords: ['货到付款', 'cash on delivery'] },
    { slug: 'installments', category: 'payment', labels: { en: 'Installments' }, keywords: ['分期', 'installment'], priority: 'high' },
    { slug: 'phishing', category: 'account_security', labels: { en: 'Phishing' }, keywords: [] },
  ],
};

type History = Array<{ type: string; actor: { kind: string }; data: Record<string, unknown> }>;

/** The tenant taxonomy end to end: settings as events, classification honouring it, agents' subcategories, isolation. */
describe('intake per-tenant taxonomy (embedded runtime)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  let grpc: ReturnType<typeof intakeGrpcClient>;
  const put = (body: object, key = INTAKE_KEYS.supervisor) => http.put('/classification/settings').set('X-Api-Key', key).send(body);
  const classify = async (text: string, key = INTAKE_KEYS.agent) => (await http.post('/classification/classify').set('X-Api-Key', key).send({ text }).expect(200)).body;
  const open = async (text: string, key = INTAKE_KEYS.customer) =>
    (await http.post('/tickets').set('X-Api-Key', key).send({ channel: 'webform', customerHandle: 'tax@example.com', subject: 'Question', text }).expect(201)).body.ticketId as string;
  const history = async (ticketId: string, key = INTAKE_KEYS.agent): Promise<History> => (await http.get(`/tickets/${ticketId}`).set('X-Api-Key', key).expect(200)).body.history;
  const classified = (ticketId: string, key = INTAKE_KEYS.agent) => eventually(async () => (await history(ticketId, key)).find((e) => e.type === 'TicketClassified'));
  const reclassify = (ticketId: string, body: object, key = INTAKE_KEYS.agent) => http.put(`/tickets/${ticketId}/classification`).set('X-Api-Key', key).send({ priority: 'normal', complaint: false, reason: 'agent says', ...body });

  beforeAll(async () => {
    app = await startIntakeApp();
    http = request(app.running.httpUrl);
    grpc = intakeGrpcClient(app.grpcAddress, 'ClassificationService');
  });
  afterAll(async () => {
    grpc?.close();
    await app?.stop();
  });

  it('a taxonomy is a settings change (history names it); the view shows labels per locale; bad input is a 400 naming the field', async () => {
    const bad = await put({ taxonomy: { disabledCategories: ['other'], subcategories: [{ slug: 'Not A Slug', category: 'payment' }] } }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['taxonomy.disabledCategories', 'taxonomy.subcategories[0].slug']);
    await put({ taxonomy }, INTAKE_KEYS.agent).expect(403);

    const saved = await put({ taxonomy, reason: 'our payment desk' }).expect(200);
    expect(saved.body.taxonomy).toMatchObject({ disabledCategories: ['logistics'], subcategories: expect.arrayContaining([expect.objectContaining({ slug: 'cod', keywords: ['货到付款', 'cash on delivery'], priority: null })]) });
    const changes = (await http.get('/classification/settings/history').set('X-Api-Key', INTAKE_KEYS.supervisor).expect(200)).body.changes;
    expect(changes.at(-1)).toMatchObject({ reason: 'our payment desk', changed: ['taxonomy'], actor: { kind: 'supervisor' } });

    // A rule may only set what the taxonomy has: a disabled category or an unknown subcategory is refused, naming the rule.
    const disabledRule = await put({ rules: [{ name: 'parcels', when: { textContains: ['快递'] }, then: { category: 'logistics' } }] }).expect(400);
    expect(disabledRule.body.errors.map((e: { field: string }) => e.field)).toEqual(['rules[0].then.category']);
    const unknownSub = await put({ rules: [{ name: 'x', when: { textContains: ['x'] }, then: { subcategory: 'nope' } }] }).expect(400);
    expect(unknownSub.body.errors.map((e: { field: string }) => e.field)).toEqual(['rules[0].then.subcategory']);

    const view = await eventually(async () => {
      const body = (await http.get('/classification/taxonomy?locale=zh-CN').set('X-Api-Key', INTAKE_KEYS.agent).expect(200)).body;
      return body.categories.find((c: { category: string }) => c.category === 'logistics')?.enabled === false ? body : undefined;
    });
    const payment = view.categories.find((c: { category: string }) => c.category === 'payment');
    expect(payment).toMatchObject({ enabled: true, label: '付款', labels: { 'zh-CN': '付款', en: 'Paying' } });
    expect(payment.subcategories.map((s: { slug: string; label: string }) => [s.slug, s.label])).toEqual([
      ['cod', '货到付款'],
      ['installments', 'Installments'],
    ]);
    expect(view.priorities.find((p: { priority: string }) => p.priority === 'urgent').label).toBe('加急');
    await http.get('/classification/taxonomy?locale=not a locale').set('X-Api-Key', INTAKE_KEYS.agent).expect(400);
    // Tenant isolation: globex sees the default taxonomy.
    const other = (await http.get('/classification/taxonomy').set('X-Api-Key', INTAKE_KEYS.otherAgent).expect(200)).body;
    expect(other.categories.every((c: { enabled: boolean; subcategories: unknown[] }) => c.enabled && c.subcategories.length === 0)).toBe(true);
  });

  it('classification never predicts a disabled category; subcategories come from keywords and rules, and land on the ticket; other tenants are untouched', async () => {
    const parcel = '快递三天没更新了，物流信息一直不动，帮忙查一下';
    expect((await classify(parcel, INTAKE_KEYS.otherAgent)).category).toBe('logistics');
    const mine = await classify(parcel);
    expect(mine.category).not.toBe('logistics');
    expect(mine.suggestedCategory).not.toBe('logistics');

    const byKeyword = await classify('我选了分期付款，但是扣款失败了，显示支付错误');
    expect(byKeyword).toMatchObject({ category: 'payment', subcategory: 'installments', subcategorySource: 'keywords' });
    expect(['urgent', 'high']).toContain(byKeyword.priority); // the subcategory's floor
    expect(await classify('我选了分期付款，但是扣款失败了，显示支付错误', INTAKE_KEYS.otherAgent)).toMatchObject({ subcategory: null });

    await put({ rules: [{ name: 'phishing mail', when: { textContains: ['钓鱼邮件', 'phishing'] }, then: { subcategory: 'phishing', tags: ['phishing'] } }] }).expect(200);
    const ticketId = await open('I got a phishing email pretending to be your shop, is it real?');
    expect((await classified(ticketId))?.data).toMatchObject({ category: 'account_security', subcategory: 'phishing', source: 'rules', tags: ['phishing'] });
    const otherTicket = await open('I got a phishing email pretending to be your shop, is it real?', INTAKE_KEYS.otherCustomer);
    expect((await classified(otherTicket, INTAKE_KEYS.otherAgent))?.data).toMatchObject({ subcategory: null });
  });

  it("an agent's subcategory is checked against the tenant's taxonomy (400 naming the field), kept with the category, and cleared with it", async () => {
    const ticketId = await open('货到付款的订单，快递员要我先转账');
    await classified(ticketId);
    const unknown = await reclassify(ticketId, { category: 'payment', subcategory: 'no-such-thing' }).expect(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'subcategory', message: expect.stringContaining('cod, installments') })]);
    const elsewhere = await reclassify(ticketId, { category: 'refund', subcategory: 'cod' }).expect(400);
    expect(elsewhere.body.errors.map((e: { field: string }) => e.field)).toEqual(['subcategory']);
    const malformed = await reclassify(ticketId, { category: 'payment', subcategory: 'Bad Slug!' }).expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['subcategory']);
    const disabled = await reclassify(ticketId, { category: 'logistics' }).expect(400);
    expect(disabled.body.errors.map((e: { field: string }) => e.field)).toEqual(['category']);
    // globex has no such subcategory: acme's taxonomy is not its.
    const theirs = await open('货到付款的订单', INTAKE_KEYS.otherCustomer);
    await classified(theirs, INTAKE_KEYS.otherAgent);
    const globexAgentKey = INTAKE_KEYS.otherAgent;
    expect((await reclassify(theirs, { category: 'payment', subcategory: 'cod' }, globexAgentKey).expect(400)).body.errors[0].field).toBe('subcategory');

    await reclassify(ticketId, { category: 'payment', subcategory: 'cod' }).expect(200);
    await reclassify(ticketId, { category: 'payment', priority: 'high' }).expect(200); // subcategory left out: kept
    await reclassify(ticketId, { category: 'refund' }).expect(200); // another category: cleared
    const changes = (await history(ticketId)).filter((e) => e.type === 'TicketReclassified').map((e) => [e.data.category, e.data.subcategory, e.data.previousSubcategory]);
    expect(changes.slice(-3)).toEqual([
      ['payment', 'cod', changes.at(-3)?.[2] === null ? null : 'cod'],
      ['payment', 'cod', 'cod'],
      ['refund', null, 'cod'],
    ]);
  });

  it("learns a subcategory from agents' corrections (TicketReclassified) where keywords say nothing", async () => {
    const say = 'I paid for the order but';
    const cod = ['the man at the door wanted money again', 'the man at the door asked me to pay in notes', 'I had to hand notes to the man at the door', 'paying the man at the door in notes failed', 'the man at the door had no change for my notes'];
    const installments = ['the monthly plan charged me twice', 'my monthly plan shows the wrong amount', 'the monthly plan was not set up', 'I want to change my monthly plan', 'the third month of the plan was charged early'];
    const tickets: Array<[string, string | null]> = [...cod.map((t) => [t, 'cod'] as [string, string]), ...installments.map((t) => [t, 'installments'] as [string, string])];
    const opened = await Promise.all(tickets.map(async ([text, subcategory]) => ({ ticketId: await open(`${say} ${text}`), subcategory })));
    for (const { ticketId, subcategory } of opened) {
      await classified(ticketId);
      await reclassify(ticketId, { category: 'payment', subcategory, reason: 'payment desk sorting' }).expect(200);
    }
    const rows = app.running.app.get(DataSource).getRepository(TrainingExample);
    await eventually(async () => ((await rows.countBy({ tenantId: 'acme', corrected: true, category: 'payment' })) >= opened.length ? true : undefined));

    const text = `${say} the man at the door wanted notes and I had none`;
    expect(await classify(text)).toMatchObject({ subcategory: null });
    const retrained = (await http.post('/classification/retrain').set('X-Api-Key', INTAKE_KEYS.supervisor).expect(200)).body;
    expect(retrained.corrections).toBeGreaterThanOrEqual(opened.length);
    expect(await classify(text)).toMatchObject({ category: 'payment', subcategory: 'cod', subcategorySource: 'model' });
    expect(await classify(`${say} my monthly plan charged the wrong month`)).toMatchObject({ category: 'payment', subcategory: 'installments', subcategorySource: 'model' });
    // globex learned nothing from acme's agents.
    expect(await classify(text, INTAKE_KEYS.otherAgent)).toMatchObject({ subcategory: null });
  });

  it('speaks gRPC: taxonomy in the settings, GetTaxonomy, Classify with a subcategory, Reclassify checked against the taxonomy', async () => {
    const { call } = grpc;
    const updated = await call<{ taxonomy: { disabledCategories: string[]; subcategories: Array<{ slug: string; priority: string }>; categoryLabels: Record<string, { labels: object }> } }>(
      'UpdateClassificationSettings',
      { taxonomy: { ...taxonomy, disabledCategories: ['logistics', 'presale_inquiry'], categoryLabels: { payment: { labels: { en: 'Paying' } } }, priorityLabels: {} }, reason: 'grpc taxonomy' },
      INTAKE_KEYS.supervisor,
    );
    expect(updated.taxonomy.disabledCategories).toEqual(['presale_inquiry', 'logistics']);
    expect(updated.taxonomy.subcategories.map((s) => [s.slug, s.priority])).toEqual([
      ['cod', ''],
      ['installments', 'high'],
      ['phishing', ''],
    ]);
    expect(updated.taxonomy.categoryLabels.payment.labels).toEqual({ en: 'Paying' });
    await expect(call('UpdateClassificationSettings', { taxonomy: { disabledCategories: ['other'] } }, INTAKE_KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });

    const view = await eventually(async () => {
      const v = await call<{ categories: Array<{ category: string; enabled: boolean; label: string }> }>('GetTaxonomy', { locale: 'en' }, INTAKE_KEYS.agent);
      return v.categories.find((c) => c.category === 'presale_inquiry')?.enabled === false ? v : undefined;
    });
    expect(view.categories.find((c) => c.category === 'payment')?.label).toBe('Paying');
    expect((await call<{ categories: Array<{ enabled: boolean }> }>('GetTaxonomy', {}, INTAKE_KEYS.otherAgent)).categories.every((c) => c.enabled)).toBe(true);

    const c = await call<{ category: string; subcategory: string; subcategorySource: string }>('Classify', { text: 'Can I pay cash on delivery? The payment page fails' }, INTAKE_KEYS.agent);
    // By keyword, or by what the corrections above taught (which goes first when it is sure).
    expect(c).toMatchObject({ category: 'payment', subcategory: 'cod', subcategorySource: expect.stringMatching(/^(keywords|model)$/) });

    const ticketId = await open('付款失败，货到付款可以吗');
    await classified(ticketId);
    await expect(call('Reclassify', { ticketId, category: 'payment', priority: 'normal', reason: 'x', subcategory: { slug: 'nope' } }, INTAKE_KEYS.agent)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('subcategory'),
    });
    expect((await call<{ events: string[] }>('Reclassify', { ticketId, category: 'payment', priority: 'high', reason: 'cod', subcategory: { slug: 'cod' } }, INTAKE_KEYS.agent)).events).toEqual(['TicketReclassified']);
    expect((await history(ticketId)).filter((e) => e.type === 'TicketReclassified').at(-1)?.data).toMatchObject({ subcategory: 'cod' });
    // A slug of '' clears it.
    expect((await call<{ events: string[] }>('Reclassify', { ticketId, category: 'payment', priority: 'high', reason: 'not cod', subcategory: { slug: '' } }, INTAKE_KEYS.agent)).events).toEqual(['TicketReclassified']);
    expect((await history(ticketId)).filter((e) => e.type === 'TicketReclassified').at(-1)?.data).toMatchObject({ subcategory: null, previousSubcategory: 'cod' });
  });
});
