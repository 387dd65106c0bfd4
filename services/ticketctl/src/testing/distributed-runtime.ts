import { createTestPostgresDatabase, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { kafkaTestOptions, startKafkaMockCluster, type KafkaMockCluster } from '@ticketing/messaging/testing';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { servicesNamed } from '../services';
import { freePort } from './embedded-app';

/**
 * The distributed runtime for tests: a PostgreSQL event store and read-model database of its own,
 * a Kafka-protocol broker (librdkafka's mock cluster via kcat), and each service started as its own
 * application (own store pool, own Kafka clients); only configuration differs from the embedded one.
 */
export interface DistributedRuntime {
  cluster: KafkaMockCluster;
  /**
   * Starts the named services (`SERVICES`) as one application. `env` is put into the process
   * environment while the application starts (services read their own variables, e.g. INTAKE_*).
   */
  start(services: string, env?: Record<string, string>): Promise<{ app: RunningApp; runtime: Runtime; grpcPort: number }>;
  /** A runtime with no application, e.g. for the relay or to act as another service would. */
  bareRuntime(): Promise<Runtime>;
  /** One relay (store → Kafka) on its own runtime. */
  startRelay(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDistributedRuntime(databasePrefix: string, apiKeys: string): Promise<DistributedRuntime> {
  const cluster = await startKafkaMockCluster();
  const events: TestPostgresDatabase = await createTestPostgresDatabase(`${databasePrefix}_events`);
  const reads: TestPostgresDatabase = await createTestPostgresDatabase(`${databasePrefix}_reads`);
  const runtimes: Runtime[] = [];
  const apps: RunningApp[] = [];
  const relays: Array<{ stop(): Promise<void> }> = [];

  const configFor = async (services: string, env: Record<string, string> = {}) => {
    const grpcPort = await freePort();
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: events.url,
      READ_MODEL_URL: reads.url,
      BUS: 'kafka',
      KAFKA_BROKERS: cluster.brokers.join(','),
      SERVICES: services,
      HTTP_PORT: '0',
      GRPC_PORT: String(grpcPort),
      LOG_LEVEL: 'silent',
      API_KEYS: apiKeys,
      // Platform variables a test gives one application (e.g. JWT_SECRET for service-to-service tokens).
      ...(env['JWT_SECRET'] ? { JWT_SECRET: env['JWT_SECRET'] } : {}),
    });
    return { config, grpcPort };
  };
  const bareRuntime = async () => {
    const { config } = await configFor('intake');
    const runtime = await createRuntime(config, { kafka: kafkaTestOptions(cluster.brokers) });
    runtimes.push(runtime);
    return runtime;
  };

  return {
    cluster,
    async start(services, env = {}) {
      const { config, grpcPort } = await configFor(services, env);
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      try {
        const runtime = await createRuntime(config, { kafka: kafkaTestOptions(cluster.brokers) });
        runtimes.push(runtime);
        const app = await startApp(runtime, servicesNamed(config.services));
        apps.push(app);
        return { app, runtime, grpcPort };
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
    bareRuntime,
    async startRelay() {
      relays.push(startRelay(await bareRuntime()));
    },
    async stop() {
      for (const relay of relays) await relay.stop();
      for (const app of apps) await app.close();
      for (const runtime of runtimes) await runtime.close();
      await cluster.stop();
      await events.drop();
      await reads.drop();
    },
  };
}
