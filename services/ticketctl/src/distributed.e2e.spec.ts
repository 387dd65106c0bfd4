import request from 'supertest';
import { describeIf, postgresAvailability } from '@ticketing/eventstore/testing';
import { kafkaTestsEnabled } from '@ticketing/messaging/testing';
import { ALL_SERVICES } from './services';
import { startDistributedRuntime, type DistributedRuntime } from './testing/distributed-runtime';
import { eventually } from './testing/embedded-app';

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
    let cluster: DistributedRuntime;
    let intake: ReturnType<typeof request>;
    let routing: ReturnType<typeof request>;

    beforeAll(async () => {
      cluster = await startDistributedRuntime('dist', `${SUPERVISOR}:acme:supervisor:sup-1,${AGENT}:acme:agent:agent-1,${CUSTOMER}:acme:customer:cust-1`);
      intake = request((await cluster.start('intake')).app.httpUrl);
      routing = request((await cluster.start('routing')).app.httpUrl);
      await cluster.startRelay();
    });

    afterAll(async () => {
      await cluster?.stop();
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
