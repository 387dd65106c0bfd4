import request from 'supertest';
import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { servicesNamed } from './services';
import { eventually, freePort } from './testing/embedded-app';
import { TcpProxy } from './testing/tcp-proxy';

const CUSTOMER = 'acme-customer-key-000001';
const SUPERVISOR = 'acme-supervisor-key-000001';

/**
 * The event store's database goes away under a running service: commands fail with a clear 503
 * problem, nothing is half-written, the process stays up, and it works again when the database is back.
 */
describeIf(postgresAvailability(), 'event store outage', () => {
  let events: TestPostgresDatabase;
  let reads: TestPostgresDatabase;
  let proxy: TcpProxy;
  let runtime: Runtime;
  let app: RunningApp;
  let relay: { stop(): Promise<void> };
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    events = await createTestPostgresDatabase('outage_events');
    reads = await createTestPostgresDatabase('outage_reads');
    const upstream = new URL(events.url);
    proxy = new TcpProxy(await freePort(), { host: upstream.hostname, port: Number(upstream.port || 5432) });
    await proxy.start();
    const proxied = new URL(events.url);
    proxied.port = String(proxy.port);
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: proxied.toString(),
      READ_MODEL_URL: reads.url,
      SERVICES: 'intake,routing',
      HTTP_PORT: '0',
      GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      API_KEYS: `${CUSTOMER}:acme:customer:cust-1,${SUPERVISOR}:acme:supervisor:sup-1`,
    });
    runtime = await createRuntime(config);
    app = await startApp(runtime, servicesNamed(config.services));
    relay = startRelay(runtime);
    http = request(app.httpUrl);
  });

  afterAll(async () => {
    await proxy?.start().catch(() => undefined);
    await relay?.stop();
    await app?.close();
    await runtime?.close();
    await events?.drop();
    await reads?.drop();
  });

  const submission = (n: number) => ({ channel: 'webform', customerHandle: `c${n}@acme.example`, subject: `Case ${n}`, text: 'help' });

  it('answers 503 problem+json while the store is unreachable, and recovers without duplicates', async () => {
    await http.post('/tickets').set('X-Api-Key', CUSTOMER).set('Idempotency-Key', 'before').send(submission(1)).expect(201);

    await proxy.cut();
    const failed = await http.post('/tickets').set('X-Api-Key', CUSTOMER).set('Idempotency-Key', 'during').send(submission(2));
    expect(failed.status).toBe(503);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    expect(failed.body.detail).toMatch(/Event store database unavailable/);
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.eventStore.status).toBe('down');
    expect(ready.body.checks.readModels.status).toBe('up');

    await proxy.start();
    const retried = await eventually(async () => {
      const response = await http.post('/tickets').set('X-Api-Key', CUSTOMER).set('Idempotency-Key', 'during').send(submission(2));
      return response.status === 201 ? response : undefined;
    });
    expect(retried.body.revision).toBe(0);
    const again = await http.post('/tickets').set('X-Api-Key', CUSTOMER).set('Idempotency-Key', 'during').send(submission(2)).expect(200);
    expect(again.body.ticketId).toBe(retried.body.ticketId);
    await http.get('/health/ready').expect(200);
    const list = await eventually(async () => {
      const { body } = await http.get('/tickets').set('X-Api-Key', SUPERVISOR);
      return body.total === 2 ? body : undefined;
    });
    expect(list.tickets.map((t: { subject: string }) => t.subject).sort()).toEqual(['Case 1', 'Case 2']);
  });
});
