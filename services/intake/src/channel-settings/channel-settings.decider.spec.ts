import type { CommandMetadata, NewEvent, SealedSecret } from '@ticketing/contracts';
import { specification } from '../testing/decider-specification';
import { ChannelSettingsError, channelSettingsDecider, noChannelSettings, type ChannelSettingsChange } from './channel-settings.decider';

const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'supervisor', id: 'admin-1' }, correlationId: 'c-1', causationId: null, now: '2026-03-01T10:00:00.000Z' };
const secret = (fingerprint: string, seal = 'a'): SealedSecret => ({ sealed: `v1.${seal}.${seal}.${seal}`, fingerprint });
const change = (data: ChannelSettingsChange) => ({ type: 'ChangeChannelSettings' as const, metadata, data: { change: data, reason: 'own relay' } });
const changed = (data: object): NewEvent => ({
  type: 'TenantChannelSettingsChanged', schemaVersion: 1, tenantId: 'acme', actor: { kind: 'supervisor', id: 'admin-1' }, correlationId: 'c-1', causationId: null, occurredAt: metadata.now,
  data: { tenantId: 'acme', ...noChannelSettings(), changed: ['smtp'], reason: 'x', ...data },
});
const relay = { url: 'smtp://relay.acme.example:587', username: 'acme', from: 'support@acme.example' };
const hooks = [{ channel: 'chat' as const, url: 'https://chat.acme.example/hook' }];

describe('channel settings decider', () => {
  const settings = specification(channelSettingsDecider);

  it('given nothing, webhook endpoints with their sealed secret are recorded with what changed and why', () => {
    const [event] = settings.given([]).when(change({ webhookEndpoints: hooks, webhookSecret: secret('f1') }));
    expect(event.data).toMatchObject({ webhookEndpoints: hooks, webhookSecret: secret('f1'), changed: ['webhookEndpoints', 'webhookSecret'], reason: 'own relay' });
  });

  it('refuses webhook endpoints without a signing secret, naming the field', () => {
    expect(() => settings.given([]).when(change({ webhookEndpoints: hooks }))).toThrow(ChannelSettingsError);
  });

  it('given a relay with a password, a change without password keeps it for the same relay and user, not for another', () => {
    const given = [changed({ smtp: { ...relay, password: secret('p1') } })];
    const [sameRelay] = settings.given(given).when(change({ smtp: { ...relay, from: 'help@acme.example' } }));
    expect(sameRelay.data).toMatchObject({ smtp: { from: 'help@acme.example', password: secret('p1') }, changed: ['smtp'] });
    const [otherRelay] = settings.given(given).when(change({ smtp: { ...relay, url: 'smtp://other.example:25' } }));
    expect(otherRelay.data).toMatchObject({ smtp: { url: 'smtp://other.example:25', password: null } });
  });

  it('given a secret, the same secret sealed again (another ciphertext, same fingerprint) is no change', () => {
    const given = [changed({ webhookEndpoints: hooks, webhookSecret: secret('f1', 'a'), changed: ['webhookEndpoints'] })];
    expect(settings.given(given).when(change({ webhookEndpoints: hooks, webhookSecret: secret('f1', 'b') }))).toEqual([]);
    expect(settings.given(given).when(change({ webhookSecret: secret('f2', 'b') }))[0].data).toMatchObject({ changed: ['webhookSecret'] });
  });

  it('a new mailbox needs a password; a known one keeps its password', () => {
    const box = { mailboxId: 'support', url: 'imap://imap.acme.example:143/INBOX', username: 'support' };
    expect(() => settings.given([]).when(change({ mailboxes: [box] }))).toThrow(/mailboxes\[0\]\.password/);
    const given = [changed({ mailboxes: [{ ...box, password: secret('m1') }], changed: ['mailboxes'] })];
    expect(settings.given(given).when(change({ mailboxes: [box] }))).toEqual([]);
    expect(settings.given(given).when(change({ smtp: null }))).toEqual([]);
    expect(settings.given(given).when(change({ mailboxes: [] }))[0].data).toMatchObject({ mailboxes: [], changed: ['mailboxes'] });
  });

  it('records staff-notice destinations; a staff webhook needs the signing secret; an old event without them reads as none', () => {
    const staff = { webhookUrl: 'https://alerts.acme.example/hook', supervisorsEmail: 'leads@acme.example', directory: [{ recipientId: 'agent-7', email: 'jane@acme.example' }] };
    expect(() => settings.given([]).when(change({ staffNotices: staff }))).toThrow(/webhook\.secret/);
    const [event] = settings.given([]).when(change({ staffNotices: { ...staff, webhookUrl: null } }));
    expect(event.data).toMatchObject({ staffNotices: { webhookUrl: null, supervisorsEmail: 'leads@acme.example' }, changed: ['staffNotices'] });
    const v1 = changed({ webhookSecret: secret('f1'), changed: ['webhookSecret'] });
    delete (v1.data as { staffNotices?: unknown }).staffNotices;
    expect(settings.given([v1]).when(change({ staffNotices: staff }))[0].data).toMatchObject({ staffNotices: staff, changed: ['staffNotices'] });
    expect(settings.given([v1]).when(change({ staffNotices: null }))).toEqual([]);
  });
});
