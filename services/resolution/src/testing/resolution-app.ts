import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamId, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { handleCommand } from '@ticketing/eventstore';
import { freePort } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, validateNewEvent, type RunningApp, type Runtime } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import { resolutionService } from '../index';

export const KEYS = {
  agent: 'acme-agent-key-000000001',
  agent2: 'acme-agent2-key-00000001',
  warehouse: 'acme-warehouse-key-00001',
  supervisor: 'acme-supervisor-key-0001',
  manager: 'acme-manager-key-0000001',
  admin: 'acme-admin-key-000000001',
  customer: 'acme-customer-key-000001',
  globexAdmin: 'globex-admin-key-0000001',
};

/** Signs the test JWTs (JWT_SECRET of the test app). */
export const JWT_SECRET = 'resolution-test-secret-0123456789abcdef';

export interface ResolutionApp {
  running: RunningApp;
  /** 127.0.0.1:<port> of the gRPC server. */
  grpcAddress: string;
  runtime: Runtime;
  /** Opens and assigns a ticket the way intake and routing would (resolution never imports them). */
  openTicket(options?: { assignee?: string; customer?: string; orderNumber?: string | null }): Promise<string>;
  /** Appends a command to a ticket as another service would. */
  command(ticketId: string, build: (metadata: CommandMetadata) => TicketCommand, actor?: CommandMetadata['actor']): Promise<void>;
  stop(): Promise<void>;
}

/** The resolution service alone on embedded PGlite, with its relay, as `ticketctl up` would run it. */
export async function startResolutionApp(env: Record<string, string> = {}, serviceEnv: Record<string, string> = {}): Promise<ResolutionApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'resolution-'));
  const grpcPort = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    HTTP_PORT: '0',
    GRPC_PORT: String(grpcPort),
    LOG_LEVEL: 'silent',
    JWT_SECRET,
    API_KEYS: [
      `${KEYS.agent}:acme:agent:agent-1`,
      `${KEYS.agent2}:acme:agent:agent-2`,
      `${KEYS.warehouse}:acme:agent:wh-7`,
      `${KEYS.supervisor}:acme:supervisor:sup-1`,
      `${KEYS.manager}:acme:manager:mgr-1`,
      `${KEYS.admin}:acme:admin:boss-1`,
      `${KEYS.customer}:acme:customer:cust-1`,
      `${KEYS.globexAdmin}:globex:admin:admin-9`,
    ].join(','),
    ...env,
  });
  // The service's own settings are read from the environment at start-up.
  const service = { RESOLUTION_SWEEP_INTERVAL_MS: '0', ...serviceEnv }; // tests sweep by hand, at the time they choose
  const previous = Object.fromEntries(Object.keys(service).map((k) => [k, process.env[k]]));
  Object.assign(process.env, service);
  const runtime = await createRuntime(config);
  const running = await startApp(runtime, [resolutionService]).finally(() => {
    for (const [k, v] of Object.entries(previous)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });
  const relay = startRelay(runtime);
  const run = async (ticketId: string, build: (metadata: CommandMetadata) => TicketCommand, actor: CommandMetadata['actor'] = { kind: 'service', id: 'test' }) => {
    const metadata: CommandMetadata = { tenantId: 'acme', actor, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
    await handleCommand({ store: runtime.store, streamId: streamId('ticket', ticketId), decider: ticketDecider, command: build(metadata), validate: validateNewEvent });
  };
  return {
    running,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    runtime,
    command: run,
    async openTicket({ assignee = 'agent-1', customer = 'cust-1', orderNumber = 'SO-1001' } = {}) {
      const ticketId = uuidv7();
      await run(ticketId, (metadata) => ({
        type: 'OpenTicket',
        ticketId,
        metadata,
        data: {
          channel: 'email',
          channelMessageId: `<${ticketId}@mail.example>`,
          customerId: customer,
          customerTier: 'regular',
          subject: 'Where is my parcel?',
          text: 'Ordered a week ago.',
          orderNumber,
          attachments: [],
          language: 'en',
        },
      }), { kind: 'customer', id: customer });
      await run(ticketId, (metadata) => ({ type: 'AssignTicket', ticketId, metadata, data: { agentId: assignee, groupId: 'general', reason: 'manual', explanation: 'test' } }));
      return ticketId;
    },
    stop: async () => {
      await relay.stop();
      await running.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The shop's orders (GET /orders/<number>) the stand-in knows. */
export const SHOP_ORDERS: Record<string, object> = {
  'SO-2002': { status: 'shipped', carrier: 'UPS', trackingNumber: '1Z-SHOP-2002', returnWindowDays: 30, customer: { name: 'Ada' } },
};

/** The stand-in shop: what it was asked and how it is to behave next. */
export interface Shop {
  /** POST <url>: compensations. */
  url: string;
  /** GET <ordersUrl>: an order's fields (ORDER_LOOKUP_URL). */
  ordersUrl: string;
  requests: Array<{ key: string; body: Record<string, unknown> }>;
  payments: Map<string, string>;
  orderLookups: Array<{ orderNumber: string; tenant: string }>;
  failNext: number;
  /** The order API answers 503 while set. */
  ordersDown: boolean;
  /** The order API answers only after this many ms. */
  ordersDelayMs: number;
  close(): Promise<void>;
}

/**
 * A stand-in for the shop: a real HTTP server. Its payment system honours Idempotency-Key (one
 * payment per key, the same reference on every repeat), counts requests, and can fail on demand;
 * its order API serves SHOP_ORDERS and can be down or slow on demand.
 */
export async function startShop(): Promise<Shop> {
  const shop: Shop = {
    url: '',
    ordersUrl: '',
    requests: [],
    payments: new Map<string, string>(),
    orderLookups: [],
    failNext: 0,
    ordersDown: false,
    ordersDelayMs: 0,
    close: async () => undefined,
  };
  const orders = (req: IncomingMessage, res: ServerResponse) => {
    const orderNumber = decodeURIComponent(req.url!.slice('/orders/'.length));
    shop.orderLookups.push({ orderNumber, tenant: String(req.headers['x-tenant-id']) });
    const answer = () => {
      if (shop.ordersDown) return res.writeHead(503).end();
      const order = SHOP_ORDERS[orderNumber];
      if (!order) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"no such order"}');
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(order));
    };
    if (shop.ordersDelayMs > 0) setTimeout(answer, shop.ordersDelayMs).unref();
    else answer();
  };
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/orders/')) return orders(req, res);
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      shop.requests.push({ key, body: JSON.parse(raw) });
      if (shop.failNext > 0) {
        shop.failNext--;
        res.writeHead(503).end('{"message":"try later"}');
        return;
      }
      if (!shop.payments.has(key)) shop.payments.set(key, `PAY-${shop.payments.size + 1}`);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: shop.payments.get(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  shop.url = `http://127.0.0.1:${port}/compensations`;
  shop.ordersUrl = `http://127.0.0.1:${port}/orders/{orderNumber}`;
  shop.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return shop;
}

export const typesOf = (events: EventEnvelope[]) => events.map((e) => e.type);
