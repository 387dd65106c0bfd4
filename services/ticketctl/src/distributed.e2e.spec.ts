import request from 'supertest';
import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { kafkaTestOptions, kafkaTestsEnabled, startKafkaMockCluster, type KafkaMockCluster } from '@ticketing/messaging/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { ALL_SERVICES, servicesNamed } from './services';
import { eventually, freePort } from './testing/embedded-app';

const SUPERVISOR = 'acme-supervisor-key-000001';
const AGENT = 'acme-agent-key-0000000001';
const CUSTOMER = 'acme-customer-key-000001';

/**
 * The same slice in the distributed runtime: PostgreSQL event store and read models, a real
 * Kafka-protocol broker, intake and routing as separate applications (separate store pools, separate
 * Kafka clients) and a separate relay — only configuration differs from the embedded runtime.
 */
const kafka = kafkaTestsEnabled('distributed runtime e2e');
describeIf(
  kafka ? postgresAvailability() : { available: false, reason: 'kcat missing' },
  'distributed runtime: intake and routing apart, PostgreSQL + Kafka',
  () => {
    let cluster: KafkaMockCluster;
    let events: TestPostgresDatabase;
    let reads: TestPostgresDatabase;
    const runtimes: Runtime[] = [];
    const apps: RunningApp[] = [];
    let relay: { stop(): Promise<void> };
    let intake: ReturnType<typeof request>;
    let routing: ReturnType<typeof request>;

    async function start(service: 'intake' | 'routing'): Promise<RunningApp> {
      const config = loadConfig({
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: events.url,
        READ_MODEL_URL: reads.url,
        BUS: 'kafka',
        KAFKA_BROKERS: cluster.brokers.join(','),
        SERVICES: service,
        HTTP_PORT: '0',
        GRPC_PORT: String(await freePort()),
        LOG_LEVEL: 'silent',
        API_KEYS: `${SUPERVISOR}:acme:supervisor:sup-1,${AGENT}:acme:agent:agent-1,${CUSTOMER}:acme:customer:cust-1`,
      });
      const runtime = await createRuntime(config, { kafka: kafkaTestOptions(cluster.brokers) });
      runtimes.push(runtime);
      const app = await startApp(runtime, servicesNamed(config.services));
      apps.push(app);
      return app;
    }

    beforeAll(async () => {
      cluster = await startKafkaMockCluster();
      events = await createTestPostgresDatabase('dist_events');
      reads = await createTestPostgresDatabase('dist_reads');
      intake = request((await start('intake')).httpUrl);
      routing = request((await start('routing')).httpUrl);
      relay = startRelay(runtimes[0]);
    });

    afterAll(async () => {
      await relay?.stop();
      for (const app of apps) await app.close();
      for (const runtime of runtimes) await runtime.close();
      await cluster?.stop();
      await events?.drop();
      await reads?.drop();
    });

    it('opens a ticket on intake that routing (another app) assigns, seen through intake', async () => {
      expect(ALL_SERVICES.map((s) => s.name)).toContain('routing');
      await routing
        .post('/agents')
        .set('X-Api-Key', SUPERVISOR)
        .send({ agentId: 'agent-1', name: 'Ada', skills: [], languages: ['zh-CN'], capacity: 2 })
        .expect(201);
      // Intake does not serve routing's endpoints in this deployment.
      await intake.get('/agents').set('X-Api-Key', SUPERVISOR).expect(404);
      await routing.put('/agents/agent-1/presence').set('X-Api-Key', AGENT).send({ presence: 'online' }).expect(200);
      await eventually(async () => {
        const { body } = await routing.get('/agents').set('X-Api-Key', SUPERVISOR);
        return body.agents?.[0]?.presence === 'online' ? true : undefined;
      }, 60_000);

      const opened = await intake
        .post('/tickets')
        .set('X-Api-Key', CUSTOMER)
        .send({ channel: 'email', customerHandle: 'wang@example.cn', subject: '退款', text: '我的退款还没到账', language: 'zh-CN' })
        .expect(201);
      const ticket = await eventually(async () => {
        const { body } = await intake.get(`/tickets/${opened.body.ticketId}`).set('X-Api-Key', AGENT).expect(200);
        return body.state.assigneeId === 'agent-1' && body.state.category !== null ? body : undefined;
      }, 60_000);
      // Intake classified it (its consumer on Kafka) beside routing's assignment, in either order.
      const routed = ticket.history.filter((e: { type: string }) => e.type !== 'TicketClassified');
      expect(routed.map((e: { type: string }) => e.type)).toEqual(['TicketOpened', 'TicketQueued', 'SlaClockStarted', 'SlaClockStarted', 'TicketAssigned']);
      expect(routed[4].data.explanation).toContain('speaks zh-CN');
      const classified = ticket.history.filter((e: { type: string }) => e.type === 'TicketClassified');
      expect(classified).toHaveLength(1);
      expect(classified[0].data).toMatchObject({ category: 'refund', source: 'model', language: 'zh-Hans' });
    });
  },
);
