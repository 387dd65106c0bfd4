import request from 'supertest';
import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@ticketing/contracts';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { eventually, KEYS, startEmbeddedApp, type EmbeddedApp } from './testing/embedded-app';

/**
 * The first vertical slice, as a client uses it: open a ticket on intake → stored → relayed →
 * routing assigns it → the assignment and the full history are visible through intake.
 */
describe('embedded runtime, end to end over HTTP and gRPC', () => {
  let app: EmbeddedApp;
  let http: ReturnType<typeof request>;
  let ticketId: string;

  beforeAll(async () => {
    app = await startEmbeddedApp();
    http = request(app.running.httpUrl);
  });
  afterAll(async () => app?.stop());

  it('serves health, metrics and OpenAPI without credentials', async () => {
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.info).toEqual({ eventStore: { status: 'up' }, readModels: { status: 'up' } });
    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    const openApi = await http.get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{ticketId}', '/agents']));
  });

  it('opens a ticket that routing assigns to the free agent, with its history', async () => {
    await http
      .post('/agents')
      .set('X-Api-Key', KEYS.acmeSupervisor)
      .send({ agentId: 'agent-1', name: 'Ada', skills: ['general'], languages: ['en'], capacity: 5 })
      .expect(201);
    await http.put('/agents/agent-1/presence').set('X-Api-Key', KEYS.acmeAgent).send({ presence: 'online' }).expect(200);
    await eventually(async () => {
      const { body } = await http.get('/agents').set('X-Api-Key', KEYS.acmeSupervisor).expect(200);
      return body.agents.find((a: { agentId: string; presence: string }) => a.agentId === 'agent-1' && a.presence === 'online');
    });

    const submission = { channel: 'chat', customerHandle: 'li.wei@example.com', subject: 'Where is my order?', text: 'Order SO-1 has not arrived.', language: 'en', orderNumber: 'SO-1' };
    const opened = await http.post('/tickets').set('X-Api-Key', KEYS.acmeCustomer).set('Idempotency-Key', 'submit-1').send(submission).expect(201);
    ticketId = opened.body.ticketId;
    expect(opened.headers.etag).toBe('"0"');
    expect(opened.headers['content-type']).toContain('application/json');

    const retried = await http.post('/tickets').set('X-Api-Key', KEYS.acmeCustomer).set('Idempotency-Key', 'submit-1').send(submission).expect(200);
    expect(retried.body.ticketId).toBe(ticketId);

    const assigned = await eventually(async () => {
      const { body } = await http.get(`/tickets/${ticketId}`).set('X-Api-Key', KEYS.acmeAgent).expect(200);
      return body.state.assigneeId === 'agent-1' ? body : undefined;
    });
    // Intake's classification (TicketClassified) runs beside routing, in either order.
    const routed = assigned.history.filter((e: { type: string }) => e.type !== 'TicketClassified');
    expect(routed.map((e: { type: string }) => e.type)).toEqual(['TicketOpened', 'TicketQueued', 'SlaClockStarted', 'SlaClockStarted', 'TicketAssigned']);
    const assignment = routed[4];
    expect(assignment.actor).toEqual({ kind: 'service', id: 'routing' });
    expect(assignment.data.explanation).toMatch(/least loaded/);
    expect(assigned.history[0].actor).toEqual({ kind: 'customer', id: 'cust-1' });

    const asOpened = await http.get(`/tickets/${ticketId}?asOfRevision=0`).set('X-Api-Key', KEYS.acmeAgent).expect(200);
    expect(asOpened.body.state.assigneeId).toBeNull();

    const list = await eventually(async () => {
      const { body } = await http.get('/tickets').set('X-Api-Key', KEYS.acmeSupervisor).expect(200);
      return body.tickets.find((t: { ticketId: string; assigneeId: string }) => t.ticketId === ticketId && t.assigneeId === 'agent-1');
    });
    expect(list.status).toBe('open');
  });

  it('rejects a stale If-Match with 409 and the current revision, and loses nothing', async () => {
    // Routing (queue, SLA clocks, assignment) and classification each add events: read the revision.
    const seen: number = (await http.get(`/tickets/${ticketId}`).set('X-Api-Key', KEYS.acmeAgent).expect(200)).body.revision;
    const reply = await http.post(`/tickets/${ticketId}/replies`).set('X-Api-Key', KEYS.acmeAgent).set('If-Match', `"${seen}"`).send({ text: 'On its way.' }).expect(201);
    expect(reply.headers.etag).toBe(`"${seen + 1}"`);
    const stale = await http.post(`/tickets/${ticketId}/notes`).set('X-Api-Key', KEYS.acmeAgent).set('If-Match', `"${seen}"`).send({ text: 'late' }).expect(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 409, currentRevision: seen + 1 });
    const { body } = await http.get(`/tickets/${ticketId}`).set('X-Api-Key', KEYS.acmeAgent).expect(200);
    expect(body.revision).toBe(seen + 1);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const bad = await http.post('/tickets').set('X-Api-Key', KEYS.acmeCustomer).send({ channel: 'fax', subject: '', text: 3 }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'customerHandle', 'subject', 'text']));
    await http.post('/agents').set('X-Api-Key', KEYS.acmeSupervisor).send({ agentId: 'a2', name: 'B', skills: [], languages: [], capacity: -1 }).expect(400);
    await http.get('/tickets/not-a-uuid').set('X-Api-Key', KEYS.acmeAgent).expect(400);
  });

  it('refuses the wrong role', async () => {
    await http.post('/agents').set('X-Api-Key', KEYS.acmeAgent).send({ agentId: 'x', name: 'X', skills: [], languages: [], capacity: 1 }).expect(403);
    await http.get(`/tickets/${ticketId}`).set('X-Api-Key', KEYS.acmeCustomer).expect(403);
    await http.put('/agents/agent-7/presence').set('X-Api-Key', KEYS.acmeAgent).send({ presence: 'online' }).expect(403);
  });

  it('speaks gRPC: health, OpenTicket/GetTicket, and the same tenant rules', async () => {
    const definition = loadSync([protoPath('intake')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pkg = loadPackageDefinition(definition) as any;
    const client = new pkg.ticketing.intake.v1.IntakeService(app.grpcAddress, credentials.createInsecure());
    const call = <T>(method: string, body: object, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const metadata = new Metadata();
        if (key) metadata.set('x-api-key', key);
        client[method](body, metadata, (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)));
      });
    const view = await call<{ ticketId: string; assigneeId: string; history: unknown[] }>('GetTicket', { ticketId }, KEYS.acmeAgent);
    expect(view.assigneeId).toBe('agent-1');
    expect(view.history.length).toBeGreaterThanOrEqual(4);

    const opened = await call<{ ticketId: string; status: string }>(
      'OpenTicket',
      { channel: 'email', customerHandle: 'a@b.example', subject: 'Refund', text: 'Please refund', idempotencyKey: 'grpc-1' },
      KEYS.acmeCustomer,
    );
    expect(opened.status).toBe('new');

    await expect(call('GetTicket', { ticketId })).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    await expect(call('GetTicket', { ticketId }, KEYS.globexAgent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('OpenTicket', { channel: 'fax', customerHandle: 'x', subject: 's', text: 't' }, KEYS.acmeCustomer)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    client.close();

    const healthDefinition = loadSync(healthProtoPath, { enums: String });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const health = new (loadPackageDefinition(healthDefinition) as any).grpc.health.v1.Health(app.grpcAddress, credentials.createInsecure());
    const served = await new Promise<{ status: string }>((resolve, reject) => health.check({ service: '' }, (e: Error | null, r: { status: string }) => (e ? reject(e) : resolve(r))));
    expect(served.status).toBe('SERVING');
    health.close();
  });
});
