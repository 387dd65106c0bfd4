import request from 'supertest';
import { streamId, type Actor, type EventEnvelope } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { createTestPostgresDatabase, freePort, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { ticketDecider, type Ticket, type TicketState } from '@ticketing/ticket';
import { DataSource } from 'typeorm';
import { routingService } from '../src';

/** The routing module on real PostgreSQL (event store and read models), its projections and policies fed by the relay. */
export interface RoutingTestApp {
  runtime: Runtime;
  running: RunningApp;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Starts routing with its own scheduler off (tests fire timers through an engine with an injected
 * clock), on two fresh databases named after `name`, with `apiKeys` (`key:tenant:role:id`).
 */
export async function startRoutingOnPostgres(name: string, apiKeys: string[]): Promise<RoutingTestApp> {
  process.env.ROUTING_SCHEDULER = 'off';
  const databases: TestPostgresDatabase[] = [await createTestPostgresDatabase(`${name}_events`), await createTestPostgresDatabase(`${name}_reads`)];
  const config = loadConfig({
    EVENT_STORE: 'postgres', EVENT_STORE_URL: databases[0].url, READ_MODEL_URL: databases[1].url,
    HTTP_PORT: '0', GRPC_PORT: String(await freePort()), LOG_LEVEL: 'silent', API_KEYS: apiKeys.join(','),
  });
  const runtime = await createRuntime(config);
  const running = await startApp(runtime, [routingService]);
  const relay = startRelay(runtime);
  return {
    runtime,
    running,
    http: request(running.httpUrl),
    dataSource: running.app.get(DataSource),
    async close() {
      await relay.stop();
      await running.close();
      await runtime.close();
      for (const database of databases) await database.drop();
      delete process.env.ROUTING_SCHEDULER;
    },
  };
}

/** Decides one ticket command on the ticket's stream, as another service would. */
export async function ticketCommand(store: EventStore, ticketId: string, type: string, data: object, actor: Actor | { kind: string; id: string }, now: number, tenantId = 'acme'): Promise<void> {
  await handleCommand({
    store,
    streamId: streamId('ticket', ticketId),
    decider: ticketDecider,
    command: { type, ticketId, metadata: { tenantId, actor, correlationId: `${ticketId}-${type}`, causationId: null, now: new Date(now).toISOString() }, data } as never,
  });
}

/** A customer opens a chat ticket (fields overridable). */
export const openTicket = (store: EventStore, ticketId: string, now: number, over: Record<string, unknown> = {}, tenantId = 'acme') =>
  ticketCommand(
    store, ticketId, 'OpenTicket',
    { channel: 'chat', channelMessageId: ticketId, customerId: 'c1', customerTier: 'regular', subject: 's', text: 't', orderNumber: null, attachments: [], language: 'en', ...over },
    { kind: 'customer', id: 'c1' }, now, tenantId,
  );

export const ticketHistory = async (store: EventStore, ticketId: string) => (await store.readStream(streamId('ticket', ticketId))) as EventEnvelope[];

export const ticketState = async (store: EventStore, ticketId: string): Promise<Ticket> =>
  (await ticketHistory(store, ticketId)).reduce<TicketState>(ticketDecider.evolve, ticketDecider.initialState()) as Ticket;
