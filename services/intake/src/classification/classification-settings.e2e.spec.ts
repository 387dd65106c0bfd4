import { status as GrpcStatus } from '@grpc/grpc-js';
import { replayProjection } from '@ticketing/platform';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { intakeGrpcClient as grpcClient } from '../testing/grpc-client';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import { classificationSettingsProjection } from './classification-settings.projection';
import { IntakeSettings } from './intake-settings.entity';

/** Classification settings as an event stream (REST and gRPC), classification and self-service over gRPC. */
describe('intake classification settings and gRPC (embedded runtime)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  let classification: ReturnType<typeof grpcClient>;
  let selfService: ReturnType<typeof grpcClient>;
  const settingsRevision = (key = INTAKE_KEYS.agent) => async () => (await http.get('/classification/settings').set('X-Api-Key', key).expect(200)).body;

  beforeAll(async () => {
    app = await startIntakeApp();
    http = request(app.running.httpUrl);
    classification = grpcClient(app.grpcAddress, 'ClassificationService');
    selfService = grpcClient(app.grpcAddress, 'SelfServiceService');
  });
  afterAll(async () => {
    classification?.close();
    selfService?.close();
    await app?.stop();
  });

  it('records each settings change with actor and reason; the table is a projection rebuilt from the stream; history shows who changed what', async () => {
    const rules = [{ name: 'recall', when: { textContains: ['电池鼓包'] }, then: { category: 'technical_fault', priority: 'urgent', tags: ['recall'] } }];
    const first = await http.put('/classification/settings').set('X-Api-Key', INTAKE_KEYS.supervisor).send({ rules, reason: 'battery recall' }).expect(200);
    expect(first.body).toMatchObject({ rules, revision: 0, updatedBy: 'supervisor:sup-1' });
    // The same PUT again (a client retry) writes nothing.
    const again = await http.put('/classification/settings').set('X-Api-Key', INTAKE_KEYS.supervisor).send({ rules, reason: 'battery recall' }).expect(200);
    expect(again.body.revision).toBe(0);
    await http.put('/classification/settings').set('X-Api-Key', INTAKE_KEYS.supervisor).send({ triageThreshold: 0.2 }).expect(200);

    const read = await eventually(async () => {
      const body = await settingsRevision()();
      return body.revision === 1 ? body : undefined;
    });
    expect(read).toMatchObject({ rules, triageThreshold: 0.2, updatedBy: 'supervisor:sup-1' });

    const history = await http.get('/classification/settings/history').set('X-Api-Key', INTAKE_KEYS.supervisor).expect(200);
    expect(history.body.changes.map((c: { revision: number; actor: object; reason: string; changed: string[] }) => [c.revision, c.actor, c.reason, c.changed])).toEqual([
      [0, { kind: 'supervisor', id: 'sup-1' }, 'battery recall', ['rules']],
      [1, { kind: 'supervisor', id: 'sup-1' }, 'changed through the API', ['triageThreshold']],
    ]);
    expect(history.body.changes[1].settings).toMatchObject({ rules, triageThreshold: 0.2 });
    await http.get('/classification/settings/history').set('X-Api-Key', INTAKE_KEYS.agent).expect(403);
    expect((await http.get('/classification/settings/history').set('X-Api-Key', INTAKE_KEYS.otherAgent)).status).toBe(403);

    // Drop the table and rebuild it from the log: the same settings come back.
    const dataSource = app.running.app.get(DataSource);
    await dataSource.getRepository(IntakeSettings).clear();
    expect((await settingsRevision()()).revision).toBe(-1);
    await replayProjection(classificationSettingsProjection, app.runtime.store, dataSource);
    expect(await settingsRevision()()).toMatchObject({ rules, triageThreshold: 0.2, revision: 1 });
  });

  it('speaks gRPC: ClassificationService settings (with history), classify and reclassify, tenant-scoped', async () => {
    const { call } = classification;
    const updated = await call<{ revision: number; rules: Array<{ name: string; then: { category: string; complaint?: boolean } }>; triageThreshold: number }>(
      'UpdateClassificationSettings',
      {
        rules: { rules: [{ name: 'chargeback', when: { textContains: ['chargeback'] }, then: { category: 'payment', complaint: true } }] },
        triageThreshold: { value: 0 },
        reason: 'grpc change',
      },
      INTAKE_KEYS.supervisor,
    );
    expect(updated.revision).toBe(2);
    expect(updated.triageThreshold).toBe(0);
    expect(updated.rules).toEqual([expect.objectContaining({ name: 'chargeback', then: expect.objectContaining({ category: 'payment', complaint: true, priority: '' }) })]);

    const got = await eventually(async () => {
      const s = await call<{ revision: number; rules: unknown[]; selfService: { enabled: boolean } }>('GetClassificationSettings', {}, INTAKE_KEYS.agent);
      return s.revision === 2 ? s : undefined;
    });
    expect(got.rules).toHaveLength(1);
    const changes = await call<{ changes: Array<{ revision: number; actorKind: string; actorId: string; reason: string; changed: string[] }> }>('ListClassificationSettingsChanges', {}, INTAKE_KEYS.supervisor);
    expect(changes.changes.at(-1)).toMatchObject({ revision: 2, actorKind: 'supervisor', actorId: 'sup-1', reason: 'grpc change', changed: ['rules', 'triageThreshold'] });
    // Another tenant sees its own (default) settings and history; an agent may not change them.
    expect(await call<{ revision: number }>('GetClassificationSettings', {}, INTAKE_KEYS.otherAgent)).toMatchObject({ revision: -1, rules: [] });
    await expect(call('UpdateClassificationSettings', { triageThreshold: { value: 0.5 } }, INTAKE_KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    await expect(call('UpdateClassificationSettings', { rules: { rules: [{ name: 'x', when: {}, then: { category: 'nope' } }] } }, INTAKE_KEYS.supervisor)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    await expect(call('UpdateClassificationSettings', { triageThreshold: { value: 7 } }, INTAKE_KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(call('GetClassificationSettings', {}, 'no-such-key-000000000000')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });

    const classified = await call<{ category: string; complaint: boolean; source: string; matchedRules: string[] }>('Classify', { text: 'I will file a chargeback with my bank' }, INTAKE_KEYS.agent);
    expect(classified).toMatchObject({ category: 'payment', complaint: true, source: 'rules', matchedRules: ['chargeback'] });
    // globex has no such rule: the model decides.
    expect((await call<{ source: string }>('Classify', { text: 'I will file a chargeback with my bank' }, INTAKE_KEYS.otherAgent)).source).not.toBe('rules');
    await expect(call('Classify', { text: 'x', channel: 'fax' }, INTAKE_KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });

    const opened = await http.post('/tickets').set('X-Api-Key', INTAKE_KEYS.customer).send({ channel: 'webform', customerHandle: 'ann@example.com', subject: 'Gift', text: 'Can you gift wrap it?' }).expect(201);
    const ticketId = opened.body.ticketId as string;
    await expect(call('Reclassify', { ticketId, category: 'presale_inquiry', priority: 'low', reason: 'gift wrap question' }, INTAKE_KEYS.otherAgent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('Reclassify', { ticketId, category: 'bogus', priority: 'low', reason: 'x' }, INTAKE_KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const reclassified = await call<{ events: string[] }>('Reclassify', { ticketId, category: 'presale_inquiry', priority: 'low', reason: 'gift wrap question' }, INTAKE_KEYS.agent);
    expect(reclassified.events).toEqual(['TicketReclassified']);
    const ticket = await http.get(`/tickets/${ticketId}`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
    expect(ticket.body.history.find((e: { type: string }) => e.type === 'TicketReclassified')).toMatchObject({ actor: { kind: 'agent', id: 'agent-1' }, data: { category: 'presale_inquiry', reason: 'gift wrap question' } });
  });

  it('speaks gRPC: SelfServiceService answers an offer once, tenant-scoped', async () => {
    const { call } = selfService;
    const opened = await http.post('/tickets').set('X-Api-Key', INTAKE_KEYS.customer).send({ channel: 'chat', customerHandle: 'bo@example.com', subject: 'Parcel', text: 'Where is my parcel?' }).expect(201);
    const ticketId = opened.body.ticketId as string;
    // Knowledge's offer, as its port would produce it through intake.
    await app.command(ticketId, { type: 'OfferSelfServiceAnswer', data: { offerId: 'offer-1', articleId: 'kb-1', answer: 'Track it under My orders.', confidence: 0.9 } } as never, { actor: { kind: 'service', id: 'intake' } });
    await expect(call('AnswerSelfServiceOffer', { ticketId, offerId: 'offer-1', accepted: true }, INTAKE_KEYS.otherCustomer)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('AnswerSelfServiceOffer', { ticketId: 'not-a-uuid', offerId: 'offer-1', accepted: true }, INTAKE_KEYS.customer)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const answered = await call<{ status: string; events: string[] }>('AnswerSelfServiceOffer', { ticketId, offerId: 'offer-1', accepted: true }, INTAKE_KEYS.customer);
    expect(answered).toMatchObject({ ticketId, status: 'resolved', events: ['SelfServiceOfferAnswered', 'TicketResolved'] });
    expect((await call<{ events: string[] }>('AnswerSelfServiceOffer', { ticketId, offerId: 'offer-1', accepted: true }, INTAKE_KEYS.customer)).events).toEqual([]);
  });
});
