import { replayProjection } from '@ticketing/platform';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../outbound/transports';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import { hookReceiver, type HookReceiver } from '../testing/webhook-receiver';
import { aiosmtpdPython, dovecotAvailable, startDovecot, startSmtpSink, type ImapServer, type SmtpSink } from '../testing/mail-servers';
import { TenantChannels } from './channel-settings.entity';
import { channelSettingsProjection } from './channel-settings.projection';

const python = aiosmtpdPython();
const withDovecot = dovecotAvailable();
if (!python) console.warn('SKIP per-tenant SMTP relays: python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)');
if (!withDovecot) console.warn('SKIP per-tenant IMAP mailboxes: Dovecot is not installed (apt-get install dovecot-imapd)');

const SECRETS = { acme: 'acme-signing-secret-0001', globex: 'globex-signing-secret-01', deployment: 'deployment-secret-000001' };
const SMTP_PASSWORD = 'acme-relay-password-77';
const IMAP_PASSWORDS = { acme: 'acme-imap-secret-1', globex: 'globex-imap-secret-2' };

const withoutCredentials = (imapUrl: string) => {
  const url = new URL(imapUrl);
  return { url: `imap://${url.host}${url.pathname}`, username: decodeURIComponent(url.username) };
};

/** Per-tenant channel settings: two tenants, each to its own real webhook receiver, SMTP relay and IMAP mailbox. */
describe('intake per-tenant channel settings (embedded runtime, real aiosmtpd and Dovecot)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  const hooks: Record<'acme' | 'globex' | 'deployment', HookReceiver> = {} as never;
  const smtp: Partial<Record<'acme' | 'globex', SmtpSink>> = {};
  const imap: Partial<Record<'acme' | 'globex', ImapServer>> = {};

  const settings = (key: string) => http.get('/channels/settings').set('X-Api-Key', key);
  const projected = (key: string, revision: number) =>
    eventually(async () => {
      const { body } = await settings(key).expect(200);
      return body.revision === revision ? body : undefined;
    });
  const submit = (key: string, body: object) => http.post('/messages').set('X-Api-Key', key).send(body).expect(201);
  const reply = (app: IntakeApp, ticketId: string, tenantId: string, text: string) =>
    app.command(ticketId, { type: 'ReplyToCustomer', data: { messageId: uuidv7(), agentId: 'agent-1', text, attachments: [], articleIds: [] } }, { tenantId });
  const deliveredTo = (hook: HookReceiver, text: string) =>
    eventually(async () => hook.calls.find((c) => JSON.parse(c.body).text === text), { timeoutMs: 20_000, intervalMs: 50, description: `webhook "${text}"` });

  beforeAll(async () => {
    hooks.acme = await hookReceiver();
    hooks.globex = await hookReceiver();
    hooks.deployment = await hookReceiver();
    if (python) [smtp.acme, smtp.globex] = await Promise.all([startSmtpSink(python), startSmtpSink(python)]);
    if (withDovecot) {
      imap.acme = await startDovecot('support@acme.example', IMAP_PASSWORDS.acme);
      imap.globex = await startDovecot('help@globex.example', IMAP_PASSWORDS.globex);
    }
    app = await startIntakeApp({
      INTAKE_SECRETS_KEY: 'test-secrets-key-0123456789-abcdefghij',
      // The deployment default: every webhook channel to one receiver; no SMTP, no IMAP.
      INTAKE_WEBHOOK_URL: hooks.deployment.url,
      INTAKE_WEBHOOK_SECRET: SECRETS.deployment,
      INTAKE_DELIVERY_POLL_MS: '50',
      INTAKE_IMAP_POLL_MS: '200',
    });
    http = request(app.running.httpUrl);
  });
  afterAll(async () => {
    await app?.stop();
    await Promise.all([...Object.values(smtp), ...Object.values(imap)].map((s) => s?.stop()));
    await Promise.all(Object.values(hooks).map((h) => h?.close()));
  });

  it('admins set their own endpoints as events with actor and reason; secrets are sealed, never shown, and the rest of the API cannot set them', async () => {
    const acme = {
      webhook: { endpoints: [{ channel: 'chat', url: hooks.acme.url }], secret: SECRETS.acme },
      ...(smtp.acme ? { smtp: { url: smtp.acme.url, from: 'support@acme.example' } } : {}),
      ...(imap.acme ? { mailboxes: [{ mailboxId: 'support', ...withoutCredentials(imap.acme.url), password: IMAP_PASSWORDS.acme }] } : {}),
      reason: 'own chat platform and mail relay',
    };
    await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.supervisor).send(acme).expect(403);
    await http.put('/channels/settings').send(acme).expect(401);
    const put = await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.admin).send(acme).expect(200);
    expect(put.body).toMatchObject({ revision: 0, webhook: { endpoints: [{ channel: 'chat', url: hooks.acme.url }], secretSet: true } });
    const globex = {
      webhook: { endpoints: [{ channel: 'chat', url: hooks.globex.url }], secret: SECRETS.globex },
      ...(smtp.globex ? { smtp: { url: smtp.globex.url, from: 'help@globex.example' } } : {}),
      ...(imap.globex ? { mailboxes: [{ mailboxId: 'help', ...withoutCredentials(imap.globex.url), password: IMAP_PASSWORDS.globex }] } : {}),
    };
    await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.otherAdmin).send(globex).expect(200);

    const read = await projected(INTAKE_KEYS.admin, 0);
    expect(read.updatedBy).toMatch(/:admin-1$/);
    if (imap.acme) expect(read.mailboxes).toEqual([{ mailboxId: 'support', ...withoutCredentials(imap.acme.url), passwordSet: true }]);
    await projected(INTAKE_KEYS.otherAdmin, 0);

    // No secret in any answer, nor in clear in the event log.
    const history = await http.get('/channels/settings/history').set('X-Api-Key', INTAKE_KEYS.admin).expect(200);
    expect(history.body.changes).toHaveLength(1);
    expect(history.body.changes[0]).toMatchObject({ revision: 0, reason: 'own chat platform and mail relay', actor: { id: 'admin-1' } });
    expect(history.body.changes[0].changed).toEqual(expect.arrayContaining(['webhookEndpoints', 'webhookSecret']));
    const log = JSON.stringify(await app.runtime.store.readAll({ maxCount: 100_000 }));
    for (const text of [JSON.stringify(put.body), JSON.stringify(read), JSON.stringify(history.body), log]) {
      for (const secret of [SECRETS.acme, SECRETS.globex, IMAP_PASSWORDS.acme, IMAP_PASSWORDS.globex]) expect(text).not.toContain(secret);
    }

    // Saving the same again (secrets re-sent, sealed anew) is no change.
    const again = await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.admin).send(acme).expect(200);
    expect(again.body.revision).toBe(0);

    // Bad input names the field and writes nothing.
    const bad = await http
      .put('/channels/settings')
      .set('X-Api-Key', INTAKE_KEYS.admin)
      .send({ smtp: { url: `smtp://user:${SMTP_PASSWORD}@relay.example:25`, from: 'nope' }, mailboxes: [{ mailboxId: 'new', url: 'imap://imap.example:143/INBOX', username: 'x' }] })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['smtp.url', 'smtp.from']));
    expect(JSON.stringify(bad.body)).not.toContain(SMTP_PASSWORD);
    const noPassword = await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.admin).send({ mailboxes: [{ mailboxId: 'new', url: 'imap://imap.example:143/INBOX', username: 'x' }] }).expect(400);
    expect(noPassword.body.errors.map((e: { field: string }) => e.field)).toEqual(['mailboxes[0].password']);
    const twice = await http.put('/channels/settings').set('X-Api-Key', INTAKE_KEYS.otherAdmin).send({ webhook: { endpoints: [{ channel: 'chat', url: hooks.globex.url }, { channel: 'chat', url: hooks.acme.url }] } }).expect(400);
    expect(twice.body.errors.map((e: { field: string }) => e.field)).toEqual(['webhook.endpoints[1].channel']);
    expect((await http.get('/channels/settings/history').set('X-Api-Key', INTAKE_KEYS.admin).expect(200)).body.changes).toHaveLength(1);
  });

  it("delivers each tenant's webhooks to its own endpoint, signed with its own secret; channels it did not configure use the deployment default", async () => {
    const acmeTicket = (await submit(INTAKE_KEYS.customer, { channel: 'chat', conversationId: 'acme-chat-1', channelMessageId: 'a1', customerHandle: 'user-a', text: 'hello from acme' })).body.ticketId;
    const globexTicket = (await submit(INTAKE_KEYS.otherCustomer, { channel: 'chat', conversationId: 'globex-chat-1', channelMessageId: 'g1', customerHandle: 'user-g', text: 'hello from globex' })).body.ticketId;
    const acmeSocial = (await submit(INTAKE_KEYS.customer, { channel: 'social', channelMessageId: 's1', customerHandle: '@acme-fan', text: 'dm' })).body.ticketId;
    await reply(app, acmeTicket, 'acme', 'acme answers');
    await reply(app, globexTicket, 'globex', 'globex answers');
    await reply(app, acmeSocial, 'acme', 'acme answers a DM');

    const checks: Array<[HookReceiver, string, string, string]> = [
      [hooks.acme, 'acme answers', SECRETS.acme, acmeTicket],
      [hooks.globex, 'globex answers', SECRETS.globex, globexTicket],
      [hooks.deployment, 'acme answers a DM', SECRETS.deployment, acmeSocial],
    ];
    for (const [hook, text, secret, ticketId] of checks) {
      const call = await deliveredTo(hook, text);
      expect(call.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signWebhook(secret, String(call.headers[TIMESTAMP_HEADER.toLowerCase()]), call.body));
      expect(JSON.parse(call.body)).toMatchObject({ ticketId });
      expect(call.headers[DELIVERY_HEADER.toLowerCase()]).toBeDefined();
    }
    // Nothing went to another tenant's endpoint.
    expect(hooks.acme.calls.map((c) => JSON.parse(c.body).tenantId)).toEqual(['acme']);
    expect(hooks.globex.calls.map((c) => JSON.parse(c.body).tenantId)).toEqual(['globex']);
    expect(hooks.deployment.calls.map((c) => JSON.parse(c.body).text)).toEqual(['acme answers a DM']);
  });

  (python ? it : it.skip)("sends each tenant's e-mail replies through its own SMTP relay with its own sender", async () => {
    const mail = (from: string, id: string) =>
      Buffer.from(`From: ${from}\r\nTo: support@example\r\nSubject: Refund\r\nMessage-ID: <${id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWhere is my refund?`);
    const post = (key: string, raw: Buffer) => http.post('/channels/email/inbound').set('X-Api-Key', key).set('Content-Type', 'message/rfc822').send(raw).expect(201);
    const acmeTicket = (await post(INTAKE_KEYS.customer, mail('ann@example.com', 'acme-mail-1@example.com'))).body.ticketId;
    const globexTicket = (await post(INTAKE_KEYS.otherCustomer, mail('gus@example.com', 'globex-mail-1@example.com'))).body.ticketId;
    await reply(app, acmeTicket, 'acme', 'acme refunded');
    await reply(app, globexTicket, 'globex', 'globex refunded');

    const received = async (sink: SmtpSink, text: string) =>
      simpleParser(await eventually(async () => sink.messages().find((m) => m.toString('utf8').includes(text)), { timeoutMs: 20_000, intervalMs: 50, description: `mail "${text}"` }));
    const acmeMail = await received(smtp.acme!, 'acme refunded');
    expect(acmeMail.from?.text).toBe('support@acme.example');
    expect(acmeMail.to && 'text' in acmeMail.to ? acmeMail.to.text : '').toBe('ann@example.com');
    expect(acmeMail.inReplyTo).toBe('<acme-mail-1@example.com>');
    const globexMail = await received(smtp.globex!, 'globex refunded');
    expect(globexMail.from?.text).toBe('help@globex.example');
    expect(smtp.acme!.messages().some((m) => m.toString('utf8').includes('globex refunded'))).toBe(false);
    expect(smtp.globex!.messages().some((m) => m.toString('utf8').includes('acme refunded'))).toBe(false);
  });

  (withDovecot ? it : it.skip)("polls each tenant's own IMAP mailbox and opens the tickets in that tenant", async () => {
    const raw = (id: string, text: string) => `From: Li Wei <li.wei@example.com>\r\nTo: support\r\nSubject: Mailbox\r\nMessage-ID: <${id}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}`;
    imap.acme!.deliver(raw('imap-acme-1@example.com', 'to acme by imap'));
    imap.globex!.deliver(raw('imap-globex-1@example.com', 'to globex by imap'));
    const opened = await eventually(
      async () => {
        const events = (await app.runtime.store.readAll({ maxCount: 100_000 })).filter((e) => e.type === 'TicketOpened' && String((e.data as { channelMessageId: string }).channelMessageId).startsWith('imap-'));
        return events.length === 2 ? events : undefined;
      },
      { timeoutMs: 20_000, description: 'both mailboxes polled' },
    );
    const byMessage = Object.fromEntries(opened.map((e) => [(e.data as { channelMessageId: string }).channelMessageId, e.tenantId]));
    expect(byMessage).toEqual({ 'imap-acme-1@example.com': 'acme', 'imap-globex-1@example.com': 'globex' });
  });

  it('the read model is a projection: dropped and rebuilt from the log, the same settings come back', async () => {
    const before = (await settings(INTAKE_KEYS.admin).expect(200)).body;
    const dataSource = app.running.app.get(DataSource);
    await dataSource.getRepository(TenantChannels).clear();
    expect((await settings(INTAKE_KEYS.admin).expect(200)).body.revision).toBe(-1);
    await replayProjection(channelSettingsProjection, app.runtime.store, dataSource);
    expect((await settings(INTAKE_KEYS.admin).expect(200)).body).toEqual(before);
  });
});
