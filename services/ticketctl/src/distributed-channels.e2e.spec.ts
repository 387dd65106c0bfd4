import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { describeIf, postgresAvailability } from '@ticketing/eventstore/testing';
import { aiosmtpdPython, hookReceiver, startSmtpSink, type HookReceiver, type SmtpSink } from '@ticketing/intake/testing';
import { kafkaTestsEnabled } from '@ticketing/messaging/testing';
import { validateNewEvent } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { startDistributedRuntime, type DistributedRuntime } from './testing/distributed-runtime';
import { eventually } from './testing/embedded-app';

const CUSTOMER = 'acme-customer-key-000001';
const AGENT = 'acme-agent-key-0000000001';
const WEBHOOK_SECRET = 'distributed-webhook-secret-01';

const kafka = kafkaTestsEnabled('distributed channels e2e');
const python = aiosmtpdPython();
const availability = !kafka
  ? { available: false as const, reason: 'kcat missing' }
  : !python
    ? { available: false as const, reason: 'python3-aiosmtpd missing (apt-get install python3-aiosmtpd)' }
    : postgresAvailability();

function rawMail(headers: Record<string, string>, body: string): Buffer {
  const all = { From: 'Wang Fang <wang.fang@example.cn>', To: 'support@acme.example', Subject: '包裹破损', 'Content-Type': 'text/plain; charset=utf-8', ...headers };
  return Buffer.from(`${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
}

/**
 * Intake's channels in the distributed runtime: intake as its own application on PostgreSQL and
 * Kafka, the relay on its own runtime, and the agent's reply written to the ticket stream from yet
 * another runtime (as resolution would). Raw e-mail in → ticket → reply threaded by In-Reply-To →
 * outbound SMTP with threading headers (real aiosmtpd); chat threaded by session id → signed webhook.
 */
describeIf(availability, 'distributed runtime: intake channels in and out over PostgreSQL + Kafka', () => {
  let cluster: DistributedRuntime;
  let intake: ReturnType<typeof request>;
  let otherService: EventStore;
  let smtp: SmtpSink;
  let hooks: HookReceiver;
  const attachments = mkdtempSync(join(tmpdir(), 'dist-attachments-'));

  const postMail = (raw: Buffer) => intake.post('/channels/email/inbound').set('X-Api-Key', CUSTOMER).set('Content-Type', 'message/rfc822').send(raw);
  const ticket = async (ticketId: string) => (await intake.get(`/tickets/${ticketId}`).set('X-Api-Key', AGENT).expect(200)).body;
  /** The agent's reply, appended to the ticket stream by another service's runtime. */
  const agentReplies = async (ticketId: string, text: string) => {
    const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'agent', id: 'agent-1' }, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
    const command = { type: 'ReplyToCustomer', ticketId, metadata, data: { messageId: uuidv7(), agentId: 'agent-1', text, attachments: [], articleIds: [] } } as TicketCommand;
    await handleCommand({ store: otherService, streamId: streamId('ticket', ticketId), decider: ticketDecider, command, validate: validateNewEvent });
  };

  beforeAll(async () => {
    smtp = await startSmtpSink(python!);
    hooks = await hookReceiver();
    cluster = await startDistributedRuntime('dist_channels', `${CUSTOMER}:acme:customer:cust-gateway,${AGENT}:acme:agent:agent-1`);
    const { app } = await cluster.start('intake', {
      INTAKE_SMTP_URL: smtp.url,
      INTAKE_MAIL_FROM: 'support@acme.example',
      INTAKE_WEBHOOK_URL_CHAT: hooks.url,
      INTAKE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      INTAKE_DELIVERY_POLL_MS: '100',
      INTAKE_ATTACHMENT_DIR: attachments,
    });
    intake = request(app.httpUrl);
    otherService = (await cluster.bareRuntime()).store;
    await cluster.startRelay();
  });

  afterAll(async () => {
    await cluster?.stop();
    await smtp?.stop();
    await hooks?.close();
    rmSync(attachments, { recursive: true, force: true });
  });

  it('raw e-mail opens a ticket, the reply threads by In-Reply-To, the agent reply leaves over SMTP with threading headers, and its answer threads back', async () => {
    const first = await postMail(rawMail({ 'Message-ID': '<dist-1@mail.example.cn>' }, '花瓶碎了，订单 SO-2001。')).expect(201);
    const ticketId = first.body.ticketId as string;
    expect(first.body).toMatchObject({ accepted: true, outcome: 'opened' });
    // The provider retries its webhook: the same ticket, not a second one.
    expect((await postMail(rawMail({ 'Message-ID': '<dist-1@mail.example.cn>' }, '花瓶碎了，订单 SO-2001。')).expect(200)).body).toMatchObject({ ticketId, outcome: 'duplicate' });

    const reply = await postMail(rawMail({ 'Message-ID': '<dist-2@mail.example.cn>', 'In-Reply-To': '<dist-1@mail.example.cn>', Subject: 'Re: 包裹破损' }, '照片见附件。\r\n\r\n> 花瓶碎了')).expect(200);
    expect(reply.body).toMatchObject({ ticketId, outcome: 'appended' });

    // Classified by intake's consumer on Kafka, before the agent answers.
    await eventually(async () => ((await ticket(ticketId)).state.category !== null ? true : undefined), 60_000);
    await agentReplies(ticketId, '已为您安排补发。');

    // The body is encoded on the wire (non-ASCII): parse each message the sink accepted.
    const mail = await eventually(async () => {
      for (const raw of smtp.messages()) {
        const parsed = await simpleParser(raw);
        if (parsed.text?.includes('已为您安排补发')) return parsed;
      }
      return undefined;
    }, 60_000);
    expect(mail.to).toMatchObject({ text: 'wang.fang@example.cn' });
    expect(mail.from?.text).toBe('support@acme.example');
    expect(mail.subject).toBe(`Re: 包裹破损 ${first.body.ticketReference}`);
    expect(mail.inReplyTo).toBe('<dist-2@mail.example.cn>');
    expect(mail.references).toEqual(['<dist-1@mail.example.cn>', '<dist-2@mail.example.cn>']);

    const [delivery] = await eventually(async () => {
      const { body } = await intake.get(`/tickets/${ticketId}/deliveries`).set('X-Api-Key', AGENT).expect(200);
      return body.deliveries[0]?.status === 'delivered' ? body.deliveries : undefined;
    }, 60_000);
    expect(delivery).toMatchObject({ kind: 'agent_reply', channel: 'email', transport: 'smtp', attempts: 1 });

    // The customer answers our mail: its In-Reply-To is our Message-ID, which names the ticket.
    const answer = await postMail(rawMail({ 'Message-ID': '<dist-3@mail.example.cn>', 'In-Reply-To': mail.messageId!, Subject: 'Re: 谢谢' }, '收到，谢谢！')).expect(200);
    expect(answer.body).toMatchObject({ ticketId, outcome: 'appended' });
    const history = (await ticket(ticketId)).history as Array<{ type: string; actor: { kind: string }; data: { text?: string } }>;
    expect(history.filter((e) => e.type === 'TicketOpened')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'CustomerMessageReceived').map((e) => e.data.text)).toEqual(['照片见附件。', '收到，谢谢！']);
  });

  it('chat messages thread by session id; the agent reply goes out as a signed webhook to that session', async () => {
    const opened = await intake.post('/messages').set('X-Api-Key', CUSTOMER).send({ channel: 'chat', conversationId: 'sess-42', channelMessageId: 'c-1', customerHandle: 'app-user-7', text: 'Is my order shipped?' }).expect(201);
    const ticketId = opened.body.ticketId as string;
    expect(opened.body.outcome).toBe('opened');
    const next = await intake.post('/messages').set('X-Api-Key', CUSTOMER).send({ channel: 'chat', conversationId: 'sess-42', channelMessageId: 'c-2', customerHandle: 'app-user-7', text: 'Order SO-3003' }).expect(200);
    expect(next.body).toMatchObject({ ticketId, outcome: 'appended' });
    const other = await intake.post('/messages').set('X-Api-Key', CUSTOMER).send({ channel: 'chat', conversationId: 'sess-43', channelMessageId: 'c-3', customerHandle: 'app-user-7', text: 'Another question' }).expect(201);
    expect(other.body.ticketId).not.toBe(ticketId);

    await agentReplies(ticketId, 'It ships today.');
    const call = await eventually(async () => hooks.calls.find((c) => JSON.parse(c.body).text === 'It ships today.'), 60_000);
    const { createHmac } = await import('node:crypto');
    const timestamp = String(call.headers['x-ticketing-timestamp']);
    expect(call.headers['x-ticketing-signature']).toBe(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${call.body}`).digest('hex')}`);
    expect(JSON.parse(call.body)).toMatchObject({ ticketId, tenantId: 'acme', channel: 'chat', conversationId: 'sess-42', recipient: 'app-user-7', kind: 'agent_reply' });
  });
});
