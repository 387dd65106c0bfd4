import {
  classifyWith,
  defaultClassifier,
  defaultTaxonomy,
  labelFor,
  loadLabelledMessages,
  normalizeTaxonomy,
  SubcategoryModel,
  subcategoryProblem,
  taxonomyProblems,
  taxonomyView,
  type Category,
  type SubcategoryExample,
  type Taxonomy,
} from './index';

const model = defaultClassifier();
const policy = (taxonomy: Taxonomy, extra: object = {}) => ({ rules: [], triageThreshold: 0.45, taxonomy, ...extra });
const withSubcategories: Taxonomy = normalizeTaxonomy({
  subcategories: [
    { slug: 'lost-parcel', category: 'logistics', labels: { 'zh-CN': '包裹丢失', en: 'Lost parcel' }, keywords: ['丢件', 'lost'], priority: 'high' },
    { slug: 'customs', category: 'logistics', labels: { en: 'Customs' }, keywords: ['海关', 'customs'], priority: null },
    { slug: 'cod', category: 'payment', labels: { en: 'Cash on delivery' }, keywords: ['货到付款'], priority: null },
  ],
});

describe('a tenant taxonomy with disabled categories', () => {
  const disabled: Category[] = ['logistics', 'order_status', 'refund'];
  const taxonomy = normalizeTaxonomy({ disabledCategories: disabled });

  it('never predicts a disabled category, for any message of the labelled set (even those labelled with it)', () => {
    const messages = loadLabelledMessages();
    const predicted = messages.map((m) => classifyWith(model, policy(taxonomy), { text: m.text }));
    expect(predicted.filter((c) => disabled.includes(c.category) || (c.suggestedCategory !== null && disabled.includes(c.suggestedCategory)))).toEqual([]);
    // The model's mass moves to the enabled categories: parcel questions still get a category, or go to triage.
    expect(predicted.some((c) => !c.needsTriage)).toBe(true);
  });

  it('renormalises the probabilities over the enabled categories (confidence can only rise for a kept winner)', () => {
    const text = '请问这款手机支持5G吗？有现货吗';
    const all = model.classify({ text });
    const narrowed = model.classify({ text }, new Set<Category>(['presale_inquiry', 'other', 'payment']));
    expect(narrowed.category).toBe(all.category);
    expect(narrowed.confidence).toBeGreaterThanOrEqual(all.confidence);
  });

  it('still sends an unsure ticket to triage as other', () => {
    const c = classifyWith(model, { rules: [], triageThreshold: 0.999, taxonomy }, { text: '快递三天没更新了' });
    expect(c).toMatchObject({ category: 'other', needsTriage: true, subcategory: null });
    expect(disabled).not.toContain(c.suggestedCategory);
  });

  it('ignores a rule that sets a disabled category (settings are checked on write; an old rule is not obeyed)', () => {
    const rules = [{ name: 'parcels', when: { textContains: ['快递'] }, then: { category: 'logistics' as const } }];
    const c = classifyWith(model, { rules, triageThreshold: 0, taxonomy }, { text: '快递三天没更新了' });
    expect(c.category).not.toBe('logistics');
    expect(c.source).toBe('model');
  });
});

describe('subcategories', () => {
  it('a rule sets a subcategory, and its parent category with it', () => {
    const rules = [{ name: 'cod', when: { textContains: ['货到付款'] }, then: { subcategory: 'cod' } }];
    const c = classifyWith(model, policy(withSubcategories, { rules }), { text: '我选的货到付款，快递员说要先付钱' });
    expect(c).toMatchObject({ category: 'payment', subcategory: 'cod', subcategorySource: 'rules', source: 'rules', confidence: 1 });
  });

  it('a keyword of one of the category’s subcategories picks it (across scripts), and its priority floor applies', () => {
    const c = classifyWith(model, policy(withSubcategories), { text: '快遞顯示已簽收但我沒收到，應該是丟件了' });
    expect(c).toMatchObject({ category: 'logistics', subcategory: 'lost-parcel', subcategorySource: 'keywords' });
    expect(['urgent', 'high']).toContain(c.priority);
    // no keyword: no subcategory
    expect(classifyWith(model, policy(withSubcategories), { text: '快递三天没更新了，帮忙查一下' })).toMatchObject({ category: 'logistics', subcategory: null, subcategorySource: null });
  });

  it("never takes a keyword subcategory from another category than the ticket's", () => {
    const c = classifyWith(model, policy(withSubcategories), { text: 'I forgot my password and cannot log in, customs' });
    expect(c.category).toBe('account_security');
    expect(c.subcategory).toBeNull();
  });

  describe('learned from corrections', () => {
    // The tenant's agents sorted logistics tickets that share no keyword with either subcategory.
    const corrections: SubcategoryExample[] = [
      ...['parcel is held at the border office', 'border office wants an import declaration', 'held at the border waiting for clearance', 'the border office sent me a form', 'import declaration needed for my parcel'].map(
        (text) => ({ text, category: 'logistics' as const, subcategory: 'customs' }),
      ),
      ...['the courier says the parcel vanished', 'parcel vanished from the depot', 'the depot cannot find my parcel anywhere', 'courier admitted the parcel vanished', 'nobody can find the parcel at the depot'].map(
        (text) => ({ text, category: 'logistics' as const, subcategory: 'lost-parcel' }),
      ),
      ...['when will my parcel arrive', 'tracking has not moved', 'delivery is slow this week'].map((text) => ({ text, category: 'logistics' as const, subcategory: null })),
    ];
    const learned = SubcategoryModel.train(corrections);

    it('predicts the subcategory agents gave similar tickets, where keywords say nothing', () => {
      const text = 'my parcel is stuck at the border office, they want a declaration';
      expect(classifyWith(model, policy(withSubcategories), { text }).subcategory).toBeNull();
      const c = classifyWith(model, policy(withSubcategories, { subcategoryModel: learned }), { text: `where is my parcel? ${text}` });
      expect(c).toMatchObject({ category: 'logistics', subcategory: 'customs', subcategorySource: 'model' });
      const vanished = classifyWith(model, policy(withSubcategories, { subcategoryModel: learned }), { text: 'where is my parcel, the depot says it vanished' });
      expect(vanished).toMatchObject({ category: 'logistics', subcategory: 'lost-parcel', subcategorySource: 'model' });
    });

    it('learns nothing for a category with too few corrections, and never predicts a subcategory the tenant removed', () => {
      expect(SubcategoryModel.train(corrections.slice(0, 4)).categories).toEqual([]);
      const withoutCustoms = normalizeTaxonomy({ subcategories: withSubcategories.subcategories.filter((s) => s.slug !== 'customs') });
      const c = classifyWith(model, policy(withoutCustoms, { subcategoryModel: learned }), { text: 'where is my parcel? it is held at the border office, they want an import declaration' });
      expect(c.subcategory).not.toBe('customs');
    });
  });
});

describe('taxonomy checks and labels', () => {
  it('names each bad field', () => {
    const problems = taxonomyProblems({
      disabledCategories: ['other'],
      categoryLabels: { logistics: { 'zh-CN': '' }, nope: { en: 'x' } },
      subcategories: [
        { slug: 'Bad Slug', category: 'logistics' },
        { slug: 'ok', category: 'nope' },
        { slug: 'ok', category: 'refund', priority: 'asap' },
      ],
    }).map((p) => p.field);
    expect(problems).toEqual(
      expect.arrayContaining([
        'taxonomy.disabledCategories',
        'taxonomy.categoryLabels.logistics.zh-CN',
        'taxonomy.categoryLabels.nope',
        'taxonomy.subcategories[0].slug',
        'taxonomy.subcategories[1].category',
        'taxonomy.subcategories[2].slug',
        'taxonomy.subcategories[2].priority',
      ]),
    );
    expect(taxonomyProblems(withSubcategories)).toEqual([]);
    expect(taxonomyProblems(defaultTaxonomy())).toEqual([]);
  });

  it('checks the rules against it: no disabled category, no unknown subcategory, none under another category', () => {
    const taxonomy = normalizeTaxonomy({ ...withSubcategories, disabledCategories: ['refund'] });
    const problems = taxonomyProblems(taxonomy, [
      { then: { category: 'refund' } },
      { then: { subcategory: 'nope' } },
      { then: { category: 'payment', subcategory: 'customs' } },
      { then: { category: 'logistics', subcategory: 'customs' } },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['rules[0].then.category', 'rules[1].then.subcategory', 'rules[2].then.subcategory']);
  });

  it("an agent's subcategory must exist under the category", () => {
    expect(subcategoryProblem(withSubcategories, 'logistics', 'customs')).toBeNull();
    expect(subcategoryProblem(withSubcategories, 'logistics', null)).toBeNull();
    expect(subcategoryProblem(withSubcategories, 'payment', 'customs')).toMatch(/belongs to logistics/);
    expect(subcategoryProblem(withSubcategories, 'logistics', 'nope')).toMatch(/not a subcategory.*lost-parcel, customs/);
  });

  it('labels fall back from locale to language to en to the key; tenant labels win over the shipped ones', () => {
    expect(labelFor({ 'zh-CN': '物流', en: 'Shipping' }, 'zh-CN', 'logistics')).toBe('物流');
    expect(labelFor({ 'zh-CN': '物流', en: 'Shipping' }, 'zh-SG', 'logistics')).toBe('物流');
    expect(labelFor({ 'zh-CN': '物流', en: 'Shipping' }, 'fr', 'logistics')).toBe('Shipping');
    expect(labelFor({}, 'fr', 'logistics')).toBe('logistics');
    const view = taxonomyView(normalizeTaxonomy({ ...withSubcategories, disabledCategories: ['refund'], categoryLabels: { logistics: { 'zh-CN': '快递' } } }), 'zh-CN');
    const logistics = view.categories.find((c) => c.category === 'logistics')!;
    expect(logistics).toMatchObject({ enabled: true, label: '快递', labels: { 'zh-CN': '快递', en: 'Shipping & delivery' } });
    expect(logistics.subcategories.map((s) => [s.slug, s.label])).toEqual([
      ['lost-parcel', '包裹丢失'],
      ['customs', 'Customs'],
    ]);
    expect(view.categories.find((c) => c.category === 'refund')?.enabled).toBe(false);
    expect(view.priorities.find((p) => p.priority === 'urgent')?.label).toBe('紧急');
  });
});
