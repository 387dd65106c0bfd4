import type { CommandMetadata, NewEvent } from '@ticketing/contracts';
import { specification } from '../testing/decider-specification';
import { classificationSettingsDecider, defaultClassificationSettings, type ClassificationSettingsCommand } from './classification-settings.decider';

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
