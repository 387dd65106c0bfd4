import { createServer, type IncomingMessage, type Server } from 'node:http';
import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@ticketing/contracts';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { eventually, freePort, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import { aiosmtpdPython, dovecotAvailable, startDovecot, startSmtpSink, type ImapServer, type SmtpSink } from '../testing/mail-servers';
import type { TicketDetails } from '../tickets.service';
import { DeliveryFailurePolicy } from './delivery-failure.policy';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './transports';

const SECRET = 'webhook-secret-0123456789';
const python = aiosmtpdPython();
const withDovecot = dovecotAvailable();
if (!python) console.warn('SKIP SMTP delivery test: python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)');
if (!withDovecot) console.warn('SKIP IMAP polling test: Dovecot is not installed (apt-get install dovecot-imapd)');

function rawMail(headers: Record<string, string>, body: string): string {
  const all = { From: 'Li Wei <li.wei@example.com>', To: 'support@acme.example', Subject: 'Parcel damaged', 'Content-Type': 'text/plain; charset=utf-8', ...headers };
  return `${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

/** E-mail in (HTTP, gRPC, IMAP), and everything out (signed webhooks with retries, SMTP with threading headers). */
describe('intake channels out, and e-mail in (embedded runtime)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  let hooks: Server;
  let smtp: SmtpSink | null = null;
  let imap: ImapServer | null = null;
  const received: Array<{ body: string; headers: IncomingMessage['headers'] }> = [];
  const failuresBeforeSuccess = 2;
  const attemptsByDelivery = new Map<string, number>();

  const postMail = (raw: string | Buffer, key = INTAKE_KEYS.customer) =>
    http.post('/channels/email/inbound').set('X-Api-Key', key).set('Content-Type', 'message/rfc822').send(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  const ticket = async (ticketId: string): Promise<TicketDetails> => (await http.get(`/tickets/${ticketId}`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200)).body;
  const deliveries = async (ticketId: string) => (await http.get(`/tickets/${ticketId}/deliveries`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200)).body.deliveries;

  beforeAll(async () => {
    // A chat platform's webhook receiver: fails the first two attempts of every delivery, then accepts.
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const id = String(req.headers[DELIVERY_HEADER.toLowerCase()]);
        const n = (attemptsByDelivery.get(id) ?? 0) + 1;
        attemptsByDelivery.set(id, n);
        received.push({ body, headers: req.headers });
        res.statusCode = n <= failuresBeforeSuccess ? 503 : 200;
        res.end(n <= failuresBeforeSuccess ? 'busy' : 'ok');
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
    const hooksPort = (hooks.address() as { port: number }).port;
    const deadPort = await freePort();
    if (python) smtp = await startSmtpSink(python);
    if (withDovecot) imap = await startDovecot();
    app = await startIntakeApp({
      INTAKE_WEBHOOK_URL_CHAT: `http://127.0.0.1:${hooksPort}/hooks/chat`,
      INTAKE_WEBHOOK_URL_SOCIAL: `http://127.0.0.1:${deadPort}/nobody-listens`,
      INTAKE_WEBHOOK_SECRET: SECRET,
      INTAKE_DELIVERY_MAX_ATTEMPTS: '4',
      INTAKE_DELIVERY_BACKOFF_MS: '50',
      INTAKE_DELIVERY_POLL_MS: '50',
      INTAKE_MAIL_FROM: 'support@acme.example',
      ...(smtp ? { INTAKE_SMTP_URL: smtp.url } : {}),
      ...(imap ? { INTAKE_IMAP_URL: imap.url, INTAKE_IMAP_TENANT: 'acme', INTAKE_IMAP_POLL_MS: '200' } : {}),
    });
    http = request(app.running.httpUrl);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await imap?.stop();
    await new Promise((resolve) => hooks?.close(resolve));
  });

  describe('e-mail in', () => {
    let ticketId: string;

    it('opens a ticket from a raw message, then threads replies by References and by [#ref] in the subject', async () => {
      const first = await postMail(rawMail({ 'Message-ID': '<first@mail.example>' }, 'The vase arrived broken.\r\n\r\n-- \r\nLi Wei')).expect(201);
      ticketId = first.body.ticketId;
      expect(first.body).toMatchObject({ accepted: true, outcome: 'opened' });
      const retry = await postMail(rawMail({ 'Message-ID': '<first@mail.example>' }, 'The vase arrived broken.')).expect(200);
      expect(retry.body).toMatchObject({ ticketId, outcome: 'duplicate' });

      const reply = rawMail(
        { 'Message-ID': '<second@mail.example>', 'In-Reply-To': '<first@mail.example>', References: '<first@mail.example>', Subject: 'Re: Parcel damaged' },
        'Here is the order number: SO-99.\r\n\r\nOn Mon, Li Wei wrote:\r\n> The vase arrived broken.',
      );
      expect((await postMail(reply).expect(200)).body).toMatchObject({ ticketId, outcome: 'appended' });

      // A new mail (no threading headers) that quotes the ticket reference lands on the ticket too.
      await eventually(async () => (await http.get(`/tickets/${ticketId}/deliveries`).set('X-Api-Key', INTAKE_KEYS.agent)).status === 200);
      const byRef = await eventually(async () => {
        const response = await postMail(rawMail({ 'Message-ID': `<by-ref-${uuidv7()}@mail.example>`, Subject: `Still broken ${first.body.ticketReference}` }, 'Any news?'));
        return response.status === 200 ? response : undefined; // until the ticket-channel projection has the ticket
      });
      expect(byRef.body).toMatchObject({ ticketId, outcome: 'appended' });

      const history = (await ticket(ticketId)).history;
      const messages = history.filter((e) => e.type === 'CustomerMessageReceived').map((e) => (e.data as { text: string }).text);
      expect((history[0].data as { text: string }).text).toBe('The vase arrived broken.');
      expect(messages).toEqual(['Here is the order number: SO-99.', 'Any news?']);
    });

    it('opens nothing for auto-replies and bounces (202)', async () => {
      const ooo = await postMail(rawMail({ 'Message-ID': '<ooo@mail.example>', 'Auto-Submitted': 'auto-replied', Subject: 'Out of office' }, 'I am away')).expect(202);
      expect(ooo.body).toMatchObject({ accepted: false, automated: { kind: 'auto_reply' } });
      const dsn = rawMail(
        { 'Message-ID': '<dsn@mx.example>', From: 'MAILER-DAEMON@mx.example', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' },
        '--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--',
      );
      expect((await postMail(dsn).expect(202)).body.automated.kind).toBe('bounce');
    });

    it.each([
      ['no sender', 'Subject: hello\r\n\r\nbody', 'from'],
      ['an unknown charset', rawMail({ 'Content-Type': 'text/plain; charset=x-martian' }, 'hi'), 'charset'],
      ['an empty body', '', 'body'],
    ])('refuses a mail with %s (problem+json naming the field)', async (_, raw, field) => {
      const response = await postMail(raw).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors[0].field).toBe(field);
    });

    it('refuses the wrong content type and oversized mail', async () => {
      const wrong = await http.post('/channels/email/inbound').set('X-Api-Key', INTAKE_KEYS.customer).send({ raw: 'x' }).expect(400);
      expect(wrong.body.errors[0].field).toBe('Content-Type');
      const huge = await postMail(Buffer.alloc(31 * 1024 * 1024, 0x61)).expect(413);
      expect(huge.body.errors[0].field).toBe('body');
    });

    (withDovecot ? it : it.skip)('polls a Dovecot mailbox over IMAP and threads what it finds', async () => {
      imap!.deliver(rawMail({ 'Message-ID': '<imap-1@mail.example>', Subject: 'Wrong size' }, 'I got size M instead of L.'));
      imap!.deliver(rawMail({ 'Message-ID': '<imap-2@mail.example>', References: '<imap-1@mail.example>', Subject: 'Re: Wrong size' }, 'Photo attached later.'));
      imap!.deliver(rawMail({ 'Message-ID': '<imap-ooo@mail.example>', 'X-Autoreply': 'yes', Subject: 'Abwesenheitsnotiz' }, 'bin weg'));
      const listed = await eventually(
        async () => {
          const { body } = await http.get('/tickets').set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
          const found = body.tickets.find((t: { subject: string }) => t.subject === 'Wrong size');
          return found && (await ticket(found.ticketId)).history.some((e) => e.type === 'CustomerMessageReceived') ? found : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 100, description: 'the IMAP mail as a threaded ticket' },
      );
      const { body } = await http.get('/tickets').set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
      expect(body.tickets.filter((t: { subject: string }) => /Wrong size|Abwesenheitsnotiz/.test(t.subject))).toHaveLength(1);
      expect((await ticket(listed.ticketId)).history[0].actor).toEqual({ kind: 'system', id: 'imap' });
    });
  });

  describe('channels out', () => {
    it('delivers an agent reply on chat as a signed webhook, retrying with backoff, every attempt recorded', async () => {
      const opened = await http.post('/messages').set('X-Api-Key', INTAKE_KEYS.customer).send({ channel: 'chat', conversationId: 'out-1', channelMessageId: 'o1', customerHandle: 'user-out', text: 'hello?' }).expect(201);
      const ticketId = opened.body.ticketId;
      await app.command(ticketId, { type: 'ReplyToCustomer', data: { messageId: uuidv7(), agentId: 'agent-1', text: 'Hi! Looking into it.', attachments: [], articleIds: [] } });

      const [delivery] = await eventually(async () => {
        const list = await deliveries(ticketId);
        return list.length === 1 && list[0].status === 'delivered' ? list : undefined;
      }, { timeoutMs: 20_000, intervalMs: 50, description: 'the webhook delivery' });
      expect(delivery).toMatchObject({ kind: 'agent_reply', channel: 'chat', transport: 'webhook', attempts: failuresBeforeSuccess + 1 });

      const calls = received.filter((r) => r.headers[DELIVERY_HEADER.toLowerCase()] === delivery.deliveryId);
      expect(calls).toHaveLength(failuresBeforeSuccess + 1);
      for (const call of calls) {
        const timestamp = String(call.headers[TIMESTAMP_HEADER.toLowerCase()]);
        expect(call.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signWebhook(SECRET, timestamp, call.body));
        expect(JSON.parse(call.body)).toMatchObject({ ticketId, recipient: 'user-out', conversationId: 'out-1', text: 'Hi! Looking into it.', kind: 'agent_reply' });
      }
      const events = await app.runtime.store.readStream(`delivery-${delivery.deliveryId}`);
      expect(events.map((e) => e.type)).toEqual(['DeliveryRequested', 'DeliveryAttempted', 'DeliveryAttempted', 'DeliveryAttempted', 'MessageDelivered']);
      const attempts = events.filter((e) => e.type === 'DeliveryAttempted').map((e) => e.data as { outcome: string; statusCode: number; nextAttemptAt: string | null });
      expect(attempts.map((a) => [a.outcome, a.statusCode])).toEqual([['failed', 503], ['failed', 503], ['delivered', 200]]);
      // Exponential backoff: each wait twice the one before (50 ms, 100 ms).
      const waits = attempts.slice(0, 2).map((a, i) => Date.parse(a.nextAttemptAt!) - Date.parse(events[i + 1].occurredAt));
      expect(waits).toEqual([50, 100]);
    });

    it('gives up after the last attempt with DeliveryFailed, which the agent sees on the ticket', async () => {
      const opened = await http.post('/messages').set('X-Api-Key', INTAKE_KEYS.customer).send({ channel: 'social', channelMessageId: 'dm-1', customerHandle: '@mia', text: 'hi from a DM' }).expect(201);
      await app.command(opened.body.ticketId, { type: 'SendProgressUpdate', data: { messageId: uuidv7(), text: 'Still on it', automated: true } });
      const [failed] = await eventually(async () => {
        const list = await deliveries(opened.body.ticketId);
        return list[0]?.status === 'failed' ? list : undefined;
      }, { timeoutMs: 20_000, intervalMs: 50, description: 'the failed delivery' });
      expect(failed).toMatchObject({ kind: 'progress_update', attempts: 4, status: 'failed' });
      expect(failed.lastError).toMatch(/nobody-listens|ECONNREFUSED|fetch failed/);
      const events = await app.runtime.store.readStream(`delivery-${failed.deliveryId}`);
      expect(events.at(-1)).toMatchObject({ type: 'DeliveryFailed', data: { attempts: 4 } });

      // The failure is on the ticket's own timeline too, by the system, once.
      const onTicket = await eventually(async () => {
        const t = await ticket(opened.body.ticketId);
        return t.history.find((e) => e.type === 'ReplyDeliveryFailed');
      }, { timeoutMs: 20_000, description: 'ReplyDeliveryFailed on the ticket' });
      expect(onTicket).toMatchObject({
        actor: { kind: 'system', id: 'intake-delivery' },
        data: { deliveryId: failed.deliveryId, kind: 'progress_update', channel: 'social', transport: 'webhook', attempts: 4, reason: failed.lastError },
      });
      // The bus redelivers DeliveryFailed (or a second worker consumed it): still one event on the ticket.
      await app.running.app.get(DeliveryFailurePolicy).handle(events.at(-1)!);
      const history = (await ticket(opened.body.ticketId)).history;
      expect(history.filter((e) => e.type === 'ReplyDeliveryFailed')).toHaveLength(1);
    });

    it('does not schedule a second delivery when the same ticket event is consumed again', async () => {
      const before = received.length;
      const opened = await http.post('/messages').set('X-Api-Key', INTAKE_KEYS.customer).send({ channel: 'chat', channelMessageId: 'dup-1', customerHandle: 'dup', text: 'x' }).expect(201);
      await app.command(opened.body.ticketId, { type: 'ReplyToCustomer', data: { messageId: uuidv7(), agentId: 'agent-1', text: 'once', attachments: [], articleIds: [] } });
      await eventually(async () => ((await deliveries(opened.body.ticketId))[0]?.status === 'delivered' ? true : undefined), { timeoutMs: 20_000 });
      const reply = (await app.runtime.store.readStream(`ticket-${opened.body.ticketId}`)).find((e) => e.type === 'AgentReplied')!;
      await app.runtime.bus.publish([reply]);
      await app.runtime.bus.publish([reply]);
      const list = await deliveries(opened.body.ticketId);
      expect(list).toHaveLength(1);
      expect(received.length - before).toBe(failuresBeforeSuccess + 1);
    });

    (python ? it : it.skip)('sends e-mail replies over SMTP with threading headers and the ticket reference', async () => {
      const first = await postMail(rawMail({ 'Message-ID': '<smtp-1@mail.example>', Subject: 'Refund status' }, 'When is my refund?')).expect(201);
      await postMail(rawMail({ 'Message-ID': '<smtp-2@mail.example>', References: '<smtp-1@mail.example>', Subject: 'Re: Refund status' }, 'Hello?')).expect(200);
      await app.command(first.body.ticketId, { type: 'ReplyToCustomer', data: { messageId: uuidv7(), agentId: 'agent-1', text: 'Refunded today.', attachments: [], articleIds: [] } });
      const raw = await eventually(async () => smtp!.messages().find((m) => m.toString('utf8').includes('Refunded today.')), { timeoutMs: 20_000, intervalMs: 50, description: 'the mail in the SMTP sink' });
      const mail = await simpleParser(raw);
      expect(mail.to).toMatchObject({ text: 'li.wei@example.com' });
      expect(mail.subject).toBe(`Re: Refund status ${first.body.ticketReference}`);
      expect(mail.inReplyTo).toBe('<smtp-2@mail.example>');
      expect(mail.references).toEqual(['<smtp-1@mail.example>', '<smtp-2@mail.example>']);
      expect(mail.messageId).toMatch(new RegExp(`^<ticket\\.${first.body.ticketId}\\..+@acme\\.example>$`));

      // The customer answers our mail: In-Reply-To names our Message-ID, which names the ticket.
      const answer = await postMail(rawMail({ 'Message-ID': '<smtp-3@mail.example>', 'In-Reply-To': mail.messageId!, Subject: 'Re: thanks' }, 'Thanks!')).expect(200);
      expect(answer.body).toMatchObject({ ticketId: first.body.ticketId, outcome: 'appended' });
      const [delivery] = await deliveries(first.body.ticketId);
      expect(delivery).toMatchObject({ transport: 'smtp', status: 'delivered', attempts: 1 });
    });
  });

  describe('gRPC', () => {
    type Call = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: Record<string, unknown>) => void) => void;
    let client: Record<string, Call> & { close(): void };
    const call = (method: string, body: object, key = INTAKE_KEYS.customer) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const metadata = new Metadata();
        metadata.set('x-api-key', key);
        client[method].call(client, body, metadata, (error, response) => (error ? reject(error) : resolve(response)));
      });

    beforeAll(() => {
      const definition = loadSync([protoPath('intake')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
      const pkg = loadPackageDefinition(definition) as unknown as { ticketing: { intake: { v1: { IntakeService: new (address: string, creds: unknown) => typeof client } } } };
      client = new pkg.ticketing.intake.v1.IntakeService(app.grpcAddress, credentials.createInsecure());
    });
    afterAll(() => client?.close());

    it('submits messages, raw mail, and lists deliveries', async () => {
      const opened = await call('SubmitMessage', { channel: 'hotline', channelMessageId: 'call-1', customerHandle: '+86 138 0000 0000', text: 'Call summary: customer asks to change the address of SO-5', orderNumber: 'SO-5' });
      expect(opened).toMatchObject({ outcome: 'opened', previousTicketId: '' });
      const again = await call('SubmitMessage', { channel: 'hotline', channelMessageId: 'call-2', customerHandle: '+86 138 0000 0000', text: 'Second call' });
      expect(again).toMatchObject({ ticketId: opened.ticketId, outcome: 'appended' });
      const mail = await call('SubmitEmail', { raw: Buffer.from(rawMail({ 'Message-ID': '<grpc-1@mail.example>' }, 'via gRPC')) });
      expect(mail).toMatchObject({ accepted: true, outcome: 'opened' });
      const auto = await call('SubmitEmail', { raw: Buffer.from(rawMail({ 'Message-ID': '<grpc-2@mail.example>', Precedence: 'auto_reply' }, 'away')) });
      expect(auto).toMatchObject({ accepted: false, automatedKind: 'auto_reply' });
      expect(await call('ListDeliveries', { ticketId: opened.ticketId }, INTAKE_KEYS.agent)).toEqual({ deliveries: [] });
    });

    it('answers bad input with INVALID_ARGUMENT', async () => {
      await expect(call('SubmitMessage', { channel: 'pigeon', customerHandle: 'x', text: 'hi' })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
      await expect(call('SubmitEmail', { raw: Buffer.from('no headers at all') })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    });
  });
});
