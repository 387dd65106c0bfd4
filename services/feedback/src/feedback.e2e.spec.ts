import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath, streamId, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand } from '@ticketing/eventstore';
import { eventually, freePort } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, validateNewEvent, type RunningApp, type Runtime } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { feedbackService } from './index';

const KEYS = {
  admin: 'acme-admin-key-000000001',
  supervisor: 'acme-supervisor-key-0001',
  agent: 'acme-agent-key-000000001',
  globexSupervisor: 'globex-super-key-000001',
};

/** The feedback service alone on embedded PGlite with its relay, over HTTP and gRPC. */
describe('feedback service over HTTP and gRPC: settings, automatic surveys, callbacks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'feedback-e2e-'));
  let runtime: Runtime;
  let running: RunningApp;
  let relay: { stop(): Promise<void> };
  let http: ReturnType<typeof request>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let client: any;
  const call = <T>(method: string, body: object, key: string) =>
    new Promise<T>((resolve, reject) => {
      const metadata = new Metadata();
      metadata.set('x-api-key', key);
      client[method](body, metadata, (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)));
    });
  const history = async (ticketId: string) => (await runtime.store.readStream(streamId('ticket', ticketId))).map((e) => e.type);

  /** A VIP complaint, opened, assigned and resolved the way intake, routing and resolution would record it. */
  async function resolvedVipComplaint(): Promise<string> {
    const ticketId = uuidv7();
    const run = (build: (m: CommandMetadata) => Omit<TicketCommand, 'ticketId' | 'metadata'>, actor: CommandMetadata['actor'] = { kind: 'service', id: 'test' }) => {
      const metadata: CommandMetadata = { tenantId: 'acme', actor, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
      return handleCommand({ store: runtime.store, streamId: streamId('ticket', ticketId), decider: ticketDecider, command: { ...build(metadata), ticketId, metadata } as TicketCommand, validate: validateNewEvent });
    };
    await run(() => ({ type: 'OpenTicket', data: { ticketId, channel: 'chat', channelMessageId: uuidv7(), customerId: 'cust-1', customerTier: 'vip', subject: 'Broken', text: 'x', orderNumber: null, attachments: [], language: 'en' } }) as never, { kind: 'customer', id: 'cust-1' });
    await run(() => ({ type: 'ClassifyTicket', data: { category: 'refund', priority: 'high', complaint: true, source: 'rules', confidence: 0.9, tags: [] } }) as never);
    await run(() => ({ type: 'AssignTicket', data: { agentId: 'agent-1', groupId: 'general', reason: 'skill_match', explanation: 'x' } }) as never);
    await run(() => ({ type: 'ResolveTicket', data: { resolutionCode: 'answered', summary: 'Refunded', resolvedBy: 'agent-1' } }) as never, { kind: 'agent', id: 'agent-1' });
    return ticketId;
  }

  beforeAll(async () => {
    const grpcPort = await freePort();
    process.env['FEEDBACK_TIMER_IDLE_MS'] = '100';
    runtime = await createRuntime(
      loadConfig({
        DATA_DIR: dataDir,
        HTTP_PORT: '0',
        GRPC_PORT: String(grpcPort),
        LOG_LEVEL: process.env['E2E_LOG'] ?? 'silent',
        API_KEYS: [`${KEYS.admin}:acme:admin:boss-1`, `${KEYS.supervisor}:acme:supervisor:sup-1`, `${KEYS.agent}:acme:agent:agent-1`, `${KEYS.globexSupervisor}:globex:supervisor:g-1`].join(','),
      }),
    );
    running = await startApp(runtime, [feedbackService]);
    relay = startRelay(runtime);
    http = request(running.httpUrl);
    const definition = loadSync([protoPath('feedback')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    client = new (loadPackageDefinition(definition) as any).ticketing.feedback.v1.FeedbackService(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await relay?.stop();
    await running?.close();
    await runtime?.close();
    delete process.env['FEEDBACK_TIMER_IDLE_MS'];
    rmSync(dataDir, { recursive: true, force: true });
  });

  const settings = {
    surveys: { enabled: true, delayMinutes: 0, channel: 'email', minIntervalHours: 24, answerDeadlineHours: 48, lowRatingThreshold: 3 },
    callbacks: { enabled: true, delayMinutes: 30, graceMinutes: 60, complexCategories: ['technical_fault'] },
    reason: 'surveys right away, by mail',
  };

  it('lets admins change the settings (as an event with who and why); refuses bad values naming the field, and other roles', async () => {
    const defaults = await http.get('/feedback-settings').set('X-Api-Key', KEYS.supervisor).expect(200);
    expect(defaults.body).toMatchObject({ revision: 0, surveys: { enabled: true } });
    const bad = await http
      .put('/feedback-settings')
      .set('X-Api-Key', KEYS.admin)
      .send({ ...settings, surveys: { ...settings.surveys, lowRatingThreshold: 5, channel: 'fax' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('surveys.lowRatingThreshold');
    expect(JSON.stringify(bad.body)).toContain('surveys.channel');
    await http.put('/feedback-settings').set('X-Api-Key', KEYS.supervisor).send(settings).expect(403);
    const changed = await http.put('/feedback-settings').set('X-Api-Key', KEYS.admin).send(settings).expect(200);
    expect(changed.body).toMatchObject({ revision: 1, surveys: settings.surveys, callbacks: settings.callbacks });
    const [event] = await runtime.store.readStream(streamId('feedback', 'acme'));
    expect(event).toMatchObject({ type: 'FeedbackSettingsChanged', actor: { id: 'boss-1' }, data: { reason: settings.reason } });
    // Over gRPC: the same settings; another tenant still has its defaults.
    expect(await call('GetFeedbackSettings', {}, KEYS.supervisor)).toMatchObject({ revision: 1, surveys: { channel: 'email', lowRatingThreshold: 3 } });
    expect(await call('GetFeedbackSettings', {}, KEYS.globexSupervisor)).toMatchObject({ revision: 0 });
    await expect(call('ChangeFeedbackSettings', { ...settings, surveys: { ...settings.surveys, answerDeadlineHours: 0 } }, KEYS.admin)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('surveys.answerDeadlineHours'),
    });
    await expect(call('ChangeFeedbackSettings', settings, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
  });

  it('surveys a resolved ticket automatically and schedules its callback; the callback is completed over REST and listed over gRPC', async () => {
    const ticketId = await resolvedVipComplaint();
    await eventually(async () => ((await history(ticketId)).includes('SurveySent') ? true : undefined));
    const sent = (await runtime.store.readStream(streamId('ticket', ticketId))).find((e) => e.type === 'SurveySent')!;
    expect(sent).toMatchObject({ actor: { kind: 'service', id: 'feedback' }, data: { channel: 'email' } });

    // Its signed link (over REST and gRPC alike), signed with the key file the embedded runtime made under DATA_DIR.
    const link = (await http.get(`/tickets/${ticketId}/survey/link`).set('X-Api-Key', KEYS.supervisor).expect(200)).body;
    expect(link).toMatchObject({ url: `${running.httpUrl}/surveys/answers?token=${encodeURIComponent(link.token)}`, expiresAt: (sent.data as { expiresAt: string }).expiresAt });
    expect(existsSync(join(dataDir, 'feedback-survey-links.key'))).toBe(true);
    await expect(call('GetSurveyLink', { ticketId }, KEYS.supervisor)).resolves.toEqual(link);
    await expect(call('GetSurveyLink', { ticketId }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    await expect(call('GetSurveyLink', { ticketId }, KEYS.globexSupervisor)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('GetSurveyLink', { ticketId: '' }, KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await http.get(`/tickets/${ticketId}/survey/link`).set('X-Api-Key', KEYS.globexSupervisor).expect(404);

    const listed = await eventually(async () => {
      const { body } = await http.get('/callbacks').set('X-Api-Key', KEYS.agent).expect(200);
      return body.callbacks.length > 0 ? body.callbacks : undefined;
    });
    expect(listed).toEqual([expect.objectContaining({ ticketId, customerId: 'cust-1', reasons: ['complaint', 'vip'], assignee: 'agent-1', status: 'scheduled' })]);
    const callbackId = listed[0].callbackId;
    expect((await http.get('/callbacks').set('X-Api-Key', KEYS.globexSupervisor).expect(200)).body.callbacks).toEqual([]);
    await http.post(`/callbacks/${callbackId}/completion`).set('X-Api-Key', KEYS.globexSupervisor).send({ outcome: 'no_answer' }).expect(404);
    const invalid = await http.post(`/callbacks/${callbackId}/completion`).set('X-Api-Key', KEYS.agent).send({ outcome: 'maybe' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('outcome');

    const done = await http.post(`/callbacks/${callbackId}/completion`).set('X-Api-Key', KEYS.agent).send({ outcome: 'reached_satisfied', note: 'All good' }).expect(201);
    expect(done.body).toMatchObject({ callbackId, status: 'completed', completedBy: 'agent-1', outcome: 'reached_satisfied' });
    const again = await http.post(`/callbacks/${callbackId}/completion`).set('X-Api-Key', KEYS.agent).send({ outcome: 'no_answer' });
    expect(again.status).toBe(409);
    const viaGrpc = await eventually(async () => {
      const { callbacks } = await call<{ callbacks: { callbackId: string; status: string; outcome: string }[] }>('ListCallbacks', { status: 'completed' }, KEYS.supervisor);
      return callbacks.length > 0 ? callbacks : undefined;
    });
    expect(viaGrpc).toEqual([expect.objectContaining({ callbackId, status: 'completed', outcome: 'reached_satisfied' })]);
    expect((await http.get('/callbacks/missed').set('X-Api-Key', KEYS.supervisor).expect(200)).body.callbacks).toEqual([]);
    await http.get('/callbacks/missed').set('X-Api-Key', KEYS.agent).expect(403);
    await expect(call('CompleteCallback', { callbackId, outcome: 'no_answer' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.ABORTED });
  });

  it('samples the complaint for QA review; a supervisor scores it against the scorecard; the result attaches to the agent', async () => {
    const scorecard = await http.get('/qa/scorecard').set('X-Api-Key', KEYS.supervisor).expect(200);
    expect(scorecard.body).toMatchObject({ revision: 0, samplingPercent: 10 });
    const bad = await http.put('/qa/scorecard').set('X-Api-Key', KEYS.supervisor).send({ ...scorecard.body, criteria: [{ criterionId: 'Bad Id', name: 'x', weight: 0 }], reason: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('criteria.0.weight');
    const criteria = [
      { criterionId: 'attitude', name: 'Attitude', weight: 40 },
      { criterionId: 'problem_solving', name: 'Problem solving', weight: 60 },
    ];
    const { revision: _r, ...rest } = scorecard.body;
    const defined = await http.put('/qa/scorecard').set('X-Api-Key', KEYS.supervisor).send({ ...rest, criteria, reason: 'two criteria' }).expect(200);
    expect(defined.body).toMatchObject({ revision: 1, criteria });
    await http.put('/qa/scorecard').set('X-Api-Key', KEYS.agent).send({ ...rest, criteria, reason: 'x' }).expect(403);

    const ticketId = await resolvedVipComplaint();
    const [item] = await eventually(async () => {
      const { body } = await http.get('/qa/sample?reviewed=false').set('X-Api-Key', KEYS.supervisor).expect(200);
      const items = body.items.filter((i: { ticketId: string }) => i.ticketId === ticketId);
      return items.length > 0 ? items : undefined;
    });
    expect(item).toMatchObject({ ticketId, agentId: 'agent-1', reason: 'complaint', reviewed: false });
    expect((await http.get('/qa/sample').set('X-Api-Key', KEYS.globexSupervisor).expect(200)).body.items).toEqual([]);

    const offScale = await http.post('/qa/reviews').set('X-Api-Key', KEYS.supervisor).send({ ticketId, scores: [{ criterionId: 'attitude', score: 7 }, { criterionId: 'problem_solving', score: 4 }] });
    expect(offScale.status).toBe(400);
    expect(JSON.stringify(offScale.body)).toContain('scores.0.score');
    const missing = await http.post('/qa/reviews').set('X-Api-Key', KEYS.supervisor).send({ ticketId, scores: [{ criterionId: 'attitude', score: 4 }] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('problem_solving is not scored');
    const notSampled = await http.post('/qa/reviews').set('X-Api-Key', KEYS.supervisor).send({ ticketId: uuidv7(), scores: [{ criterionId: 'attitude', score: 4 }, { criterionId: 'problem_solving', score: 4 }] });
    expect(notSampled.status).toBe(409);
    expect(notSampled.body.code).toBe('ticket_not_in_sample');
    await http.post('/qa/reviews').set('X-Api-Key', KEYS.globexSupervisor).send({ ticketId, scores: [{ criterionId: 'attitude', score: 1 }, { criterionId: 'problem_solving', score: 1 }] }).expect(409);
    await http.post('/qa/reviews').set('X-Api-Key', KEYS.agent).send({ ticketId, scores: [] }).expect(403);

    const reviewed = await http
      .post('/qa/reviews')
      .set('X-Api-Key', KEYS.supervisor)
      .send({ ticketId, scores: [{ criterionId: 'attitude', score: 5 }, { criterionId: 'problem_solving', score: 3 }], comment: 'Good tone' })
      .expect(201);
    expect(reviewed.body).toEqual({ ticketId, agentId: 'agent-1', totalScore: 70, flaggedForCoaching: false }); // 0.4·100 + 0.6·50
    await http.post('/qa/reviews').set('X-Api-Key', KEYS.supervisor).send({ ticketId, scores: [{ criterionId: 'attitude', score: 5 }, { criterionId: 'problem_solving', score: 5 }] }).expect(409);
    const agent = await eventually(async () => {
      const { body } = await http.get('/qa/agents/agent-1').set('X-Api-Key', KEYS.supervisor).expect(200);
      return body.reviews.length > 0 ? body : undefined;
    });
    expect(agent).toMatchObject({ agentId: 'agent-1', averageScore: 70, reviews: [expect.objectContaining({ ticketId, reviewerId: 'sup-1', totalScore: 70, comment: 'Good tone' })], coaching: [] });
    const viaGrpc = await call<{ items: { ticketId: string; totalScore: number; reviewed: boolean }[] }>('ListQaSample', { reviewed: 'true' }, KEYS.supervisor);
    expect(viaGrpc.items).toEqual([expect.objectContaining({ ticketId, totalScore: 70, reviewed: true })]);
    expect(await call('GetAgentQa', { agentId: 'agent-1' }, KEYS.supervisor)).toMatchObject({ averageScore: 70, reviewed: 1 });
    await expect(call('SubmitQaReview', { ticketId, scores: [{ criterionId: 'attitude', score: 9 }] }, KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect((await http.get('/qa/coaching').set('X-Api-Key', KEYS.supervisor).expect(200)).body).toEqual({ flags: [] });
  });
});
