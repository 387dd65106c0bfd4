import { eventRegistry, type CommandMetadata, type EventEnvelope, type NewEvent } from '@ticketing/contracts';
import { specification } from '../testing/decider-specification';
import { normalizeTaxonomy } from '@ticketing/classifier';
import { ClassificationSettingsRejected, classificationSettingsDecider, defaultClassificationSettings, type ClassificationSettingsCommand } from './classification-settings.decider';

const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'supervisor', id: 'sup-1' }, correlationId: 'c-1', causationId: null, now: '2026-03-01T10:00:00.000Z' };
const recall = { name: 'battery recall', when: { textContains: ['电池鼓包'] }, then: { category: 'technical_fault' as const, priority: 'urgent' as const } };
const change = (data: ClassificationSettingsCommand['data']['change'], reason = 'recall week'): ClassificationSettingsCommand => ({
  type: 'ChangeClassificationSettings',
  metadata,
  data: { change: data, reason },
});
const changed = (data: object): NewEvent => ({
  type: 'ClassificationSettingsChanged', schemaVersion: 1, tenantId: 'acme', actor: metadata.actor, correlationId: 'c-1', causationId: null, occurredAt: metadata.now,
  data: { tenantId: 'acme', ...defaultClassificationSettings(), changed: ['rules'], reason: 'x', ...data },
});

describe('classification settings decider', () => {
  const settings = specification(classificationSettingsDecider);

  it('given no changes, setting rules records the complete new settings, what changed, who and why', () => {
    const [event] = settings.given([]).when(change({ rules: [recall] }));
    expect(event).toMatchObject({
      type: 'ClassificationSettingsChanged',
      actor: { kind: 'supervisor', id: 'sup-1' },
      data: { tenantId: 'acme', rules: [recall], triageThreshold: defaultClassificationSettings().triageThreshold, changed: ['rules'], reason: 'recall week' },
    });
  });

  it('given earlier rules, a threshold change keeps the rules and names only the threshold', () => {
    const [event] = settings.given([changed({ rules: [recall] })]).when(change({ triageThreshold: 0.3 }));
    expect(event.data).toMatchObject({ rules: [recall], triageThreshold: 0.3, changed: ['triageThreshold'] });
  });

  it('given the same settings, saving them again records nothing (a retried PUT)', () => {
    expect(settings.given([changed({ rules: [recall] })]).when(change({ rules: [recall] }))).toEqual([]);
    expect(settings.given([]).when(change({ selfService: defaultClassificationSettings().selfService }))).toEqual([]);
    // as read back from jsonb, with its keys in another order
    const stored = { then: { priority: 'urgent' as const, category: 'technical_fault' as const }, when: { textContains: ['电池鼓包'] }, name: 'battery recall' };
    expect(settings.given([changed({ rules: [stored] })]).when(change({ rules: [recall] }))).toEqual([]);
  });

  it('given several fields at once, names each that differs', () => {
    const [event] = settings.given([]).when(change({ rules: [recall], triageThreshold: 0.2, selfService: { enabled: true, minConfidence: 0.7, categories: ['logistics'] } }));
    expect(event.data).toMatchObject({ changed: ['rules', 'triageThreshold', 'selfService'] });
  });
});

describe('classification settings decider: the taxonomy', () => {
  const settings = specification(classificationSettingsDecider);
  const taxonomy = normalizeTaxonomy({
    disabledCategories: ['presale_inquiry'],
    categoryLabels: { logistics: { 'zh-CN': '快递物流', en: 'Shipping' } },
    priorityLabels: { urgent: { 'zh-CN': '加急' } },
    subcategories: [{ slug: 'lost-parcel', category: 'logistics', labels: { 'zh-CN': '包裹丢失' }, keywords: ['丢件'], priority: 'high' }],
  });
  const lostParcelRule = { name: 'lost', when: { textContains: ['丢了'] }, then: { subcategory: 'lost-parcel' } };

  it('given no changes, a taxonomy is recorded with the rest of the settings and named as what changed', () => {
    const [event] = settings.given([]).when(change({ taxonomy }, 'our own categories'));
    expect(event).toMatchObject({ type: 'ClassificationSettingsChanged', schemaVersion: 2, data: { taxonomy, rules: [], changed: ['taxonomy'], reason: 'our own categories' } });
  });

  it('given a taxonomy, a rule change keeps it, and the same taxonomy again records nothing', () => {
    const given = settings.given([changed({ taxonomy, changed: ['taxonomy'] })]);
    const [event] = given.when(change({ rules: [lostParcelRule] }));
    expect(event.data).toMatchObject({ taxonomy, rules: [lostParcelRule], changed: ['rules'] });
    expect(given.when(change({ taxonomy: normalizeTaxonomy(JSON.parse(JSON.stringify(taxonomy))) }))).toEqual([]);
  });

  it('given a rule that sets a subcategory, removing that subcategory is refused naming the rule', () => {
    const given = settings.given([changed({ taxonomy, rules: [lostParcelRule], changed: ['taxonomy', 'rules'] })]);
    expect(() => given.when(change({ taxonomy: normalizeTaxonomy({ subcategories: [] }) }))).toThrow(/rules\[0\]\.then\.subcategory/);
  });

  it('given a taxonomy that disables a category, a rule setting that category is refused', () => {
    const rule = { name: 'presale', when: { textContains: ['有货吗'] }, then: { category: 'presale_inquiry' as const } };
    expect(() => settings.given([changed({ taxonomy, changed: ['taxonomy'] })]).when(change({ rules: [rule] }))).toThrow(ClassificationSettingsRejected);
  });

  it('given a v1 change (stored before taxonomies), read upcast: the default taxonomy, and a new taxonomy is a change', () => {
    const { taxonomy: _t, ...v1 } = changed({ rules: [recall] }).data as Record<string, unknown>;
    const upcast = eventRegistry.upcastEvent({ ...changed({}), schemaVersion: 1, data: v1, eventId: 'e-0', streamId: 's', streamPosition: 0, globalPosition: 1 } as EventEnvelope);
    expect(upcast).toMatchObject({ schemaVersion: 2, data: { rules: [recall], taxonomy: { disabledCategories: [], categoryLabels: {}, priorityLabels: {}, subcategories: [] } } });
    const state = classificationSettingsDecider.evolve(classificationSettingsDecider.initialState(), upcast);
    expect(state.settings.rules).toEqual([recall]);
    const [event] = settings.given([upcast]).when(change({ taxonomy }));
    expect(event.data).toMatchObject({ rules: [recall], taxonomy, changed: ['taxonomy'] });
  });
});
