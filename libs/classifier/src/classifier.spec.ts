import fc from 'fast-check';
import {
  applyRules,
  classifyWith,
  defaultClassifier,
  detectLanguage,
  extractFeatures,
  loadLabelledMessages,
  ruleProblems,
  SoftmaxRegression,
  TicketClassifier,
  toSimplified,
  type ClassificationRule,
} from './index';

describe('normalisation and language', () => {
  it('maps Traditional to Simplified so both scripts share features', () => {
    expect(toSimplified('帳號被盜用了，退貨運費誰出')).toBe('账号被盗用了，退货运费谁出');
    expect(extractFeatures('退貨').sort()).toEqual(extractFeatures('退货').sort());
  });

  it.each([
    ['我的订单怎么还没发货', 'zh-Hans'],
    ['請問我的訂單什麼時候會出貨', 'zh-Hant'],
    ['Where is my parcel?', 'en'],
    ['12345 !!!', 'und'],
  ])('detects %s as %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('every labelled message has the language it is labelled with', () => {
    const wrong = loadLabelledMessages().filter((m) => detectLanguage(m.text) !== m.language);
    expect(wrong).toEqual([]);
  });
});

describe('SoftmaxRegression', () => {
  const examples = [
    ...['refund please', 'where is my refund', 'money back now', 'refund not received'].map((t) => ({ features: extractFeatures(t), label: 'refund' })),
    ...['parcel is late', 'tracking not updated', 'courier lost my parcel', 'where is the parcel'].map((t) => ({ features: extractFeatures(t), label: 'logistics' })),
  ];

  it('learns separable labels and round-trips through JSON', () => {
    const model = SoftmaxRegression.train(examples, { calibrationFolds: 0 });
    expect(model.predict(extractFeatures('i want a refund')).label).toBe('refund');
    expect(model.predict(extractFeatures('the parcel tracking')).label).toBe('logistics');
    const copy = SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(extractFeatures('i want a refund'))).toEqual(model.predict(extractFeatures('i want a refund')));
  });

  it('is deterministic for the same data and seed', () => {
    const a = SoftmaxRegression.train(examples).predict(extractFeatures('refund parcel'));
    const b = SoftmaxRegression.train(examples).predict(extractFeatures('refund parcel'));
    expect(a).toEqual(b);
  });

  it('gives probabilities in [0,1] summing to 1 for any text', () => {
    const model = SoftmaxRegression.train(examples);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const p = model.predict(extractFeatures(text));
        const sum = Object.values(p.probabilities).reduce((s, x) => s + x, 0);
        return p.confidence >= 0 && p.confidence <= 1 && Math.abs(sum - 1) < 1e-6;
      }),
      { numRuns: 200 },
    );
  });

  it('is unsure about text unlike anything it was trained on', () => {
    const model = SoftmaxRegression.train(examples);
    expect(model.predict(extractFeatures('zzzz qqqq')).confidence).toBeLessThan(0.8);
  });
});

describe('default model', () => {
  const model = defaultClassifier();

  it.each([
    ['我的账号被盗了，密码被人改了', 'account_security', 'urgent'],
    ['帳號被盜用了，有人改了我的密碼', 'account_security', 'urgent'],
    ['Someone hacked my account and changed my password', 'account_security', 'urgent'],
    ['快递三天没更新了，帮忙查一下', 'logistics', 'normal'],
    ['請問退款什麼時候會入帳', 'refund', 'normal'],
  ])('classifies %s', (text, category, priority) => {
    const c = model.classify({ text });
    expect(c.category).toBe(category);
    expect(c.priority).toBe(priority);
  });

  it('flags a complaint and lifts it to at least high', () => {
    const c = model.classify({ text: '客服一直不回复，第三次问了，再不处理我就去12315投诉，给差评' });
    expect(c.complaint).toBe(true);
    expect(['urgent', 'high']).toContain(c.priority);
  });
});

describe('tenant rules and triage', () => {
  const model = TicketClassifier.train(loadLabelledMessages());
  const rules: ClassificationRule[] = [
    { name: 'vip-first', when: { customerTiers: ['vip'] }, then: { priority: 'high', tags: ['vip'] } },
    { name: 'battery recall', when: { textContains: ['电池鼓包'] }, then: { category: 'technical_fault', priority: 'urgent', tags: ['recall'] } },
  ];

  it('a rule that sets the category wins with confidence 1; keywords match across scripts', () => {
    const c = classifyWith(model, { rules, triageThreshold: 0.45 }, { text: '充電寶電池鼓包了', customerTier: 'vip' });
    expect(c).toMatchObject({ category: 'technical_fault', priority: 'high', source: 'rules', confidence: 1, needsTriage: false });
    expect(c.tags).toEqual(['vip', 'recall']);
    expect(c.matchedRules).toEqual(['vip-first', 'battery recall']);
  });

  it('below the threshold the ticket is flagged for triage, not guessed', () => {
    const c = classifyWith(model, { rules: [], triageThreshold: 0.99 }, { text: 'hmm' });
    expect(c).toMatchObject({ category: 'other', needsTriage: true, source: 'model' });
    expect(c.suggestedCategory).not.toBeNull();
    expect(c.tags).toContain('needs-triage');
    expect(['urgent', 'high', 'normal']).toContain(c.priority);
  });

  it('conditions must all hold', () => {
    const rule: ClassificationRule = { name: 'r', when: { channels: ['email'], textContains: ['invoice'] }, then: { category: 'payment' } };
    expect(applyRules([rule], { channel: 'chat', text: 'invoice please' }).category).toBeUndefined();
    expect(applyRules([rule], { channel: 'email', text: 'INVOICE please' }).category).toBe('payment');
  });

  it('reports each bad field of a rule set', () => {
    expect(ruleProblems('x')).toEqual([{ field: 'rules', message: 'must be an array' }]);
    const problems = ruleProblems([{ name: '', when: { channels: ['fax'] }, then: { category: 'nope' } }]).map((p) => p.field);
    expect(problems).toEqual(expect.arrayContaining(['rules[0].name', 'rules[0].when.channels', 'rules[0].then.category']));
    expect(ruleProblems(rules)).toEqual([]);
  });
});
