import { fork } from 'node:child_process';
import path from 'node:path';
import { topicForCategory } from '@ticketing/contracts';
import { createTestPostgresDatabase, eventually, postgresAvailability, uniqueCategory, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { DataSource } from 'typeorm';
import { handleOnce, KafkaEventBus, PROCESSED_EVENT_ENTITIES } from '../src';
import { kafkaTestOptions, kafkaTestsEnabled, startKafkaMockCluster, testEnvelope, type KafkaMockCluster } from '../src/testing';
import { COUNTER_CONSUMER, CREATE_COUNTERS, incrementCounter } from './fixtures/counters';

jest.setTimeout(120_000);

const STREAMS = 20;
const PER_STREAM = 50;
const CRASH_AFTER = 300;
const root = path.resolve(__dirname, '../../..');

const postgres = postgresAvailability();
const enabled =
  kafkaTestsEnabled('idempotent consumer crash test') && (postgres.available || (console.warn(`idempotent consumer crash test: skipped — ${postgres.reason}`), false));

/** Runs the crashing consumer in its own process and resolves with how it ended. */
function runCrashingConsumer(settings: object): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = fork(path.join(__dirname, 'fixtures/crashing-consumer.ts'), [], {
    cwd: root,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), CRASHING_CONSUMER: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

(enabled ? describe : describe.skip)('idempotent consumer: killed mid-batch, restarted in the same group', () => {
  let cluster: KafkaMockCluster;
  let database: TestPostgresDatabase;
  let dataSource: DataSource;
  let bus: KafkaEventBus;

  beforeAll(async () => {
    [cluster, database] = await Promise.all([startKafkaMockCluster(), createTestPostgresDatabase('msg_idem')]);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, entities: [...PROCESSED_EVENT_ENTITIES], synchronize: true }).initialize();
    await dataSource.query(CREATE_COUNTERS);
    bus = new KafkaEventBus(kafkaTestOptions(cluster.brokers));
  });
  afterAll(async () => {
    await bus?.close();
    await dataSource?.destroy();
    await database?.drop();
    await cluster?.stop();
  });

  const processedCount = async (): Promise<number> =>
    Number((await dataSource.query('SELECT count(*) AS n FROM processed_events WHERE consumer = $1', [COUNTER_CONSUMER]))[0].n);

  it('ends with exactly-once effects although events were redelivered', async () => {
    const category = uniqueCategory('idem');
    const topic = topicForCategory(category);
    const groupId = `counter-${category}`;
    const events = Array.from({ length: PER_STREAM }, (_, i) => Array.from({ length: STREAMS }, (_, s) => testEnvelope(`${category}-${s}`, i))).flat();
    for (let i = 0; i < events.length; i += 100) await bus.publish(events.slice(i, i + 100));

    // First member: killed (SIGKILL) right after committing the effect of its 300th event.
    const exit = await runCrashingConsumer({ brokers: cluster.brokers, topic, groupId, databaseUrl: database.url, crashAfter: CRASH_AFTER });
    expect(exit.signal).toBe('SIGKILL');
    const appliedBeforeCrash = await processedCount();
    expect(appliedBeforeCrash).toBeGreaterThanOrEqual(CRASH_AFTER);

    // Second member of the same group resumes from the committed offsets.
    let deliveries = 0;
    let skipped = 0;
    const restarted = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true }, async (event) => {
      deliveries++;
      const outcome = await handleOnce(dataSource, COUNTER_CONSUMER, event, (manager) => incrementCounter(manager, event.streamId));
      if (!outcome.applied) skipped++;
    });
    await eventually(async () => (await processedCount()) === events.length, { timeoutMs: 60_000, description: 'every event applied' });
    await restarted.stop();

    const counters: { name: string; value: number }[] = await dataSource.query('SELECT name, value FROM counters ORDER BY name');
    expect(counters).toHaveLength(STREAMS);
    expect(counters.filter((c) => c.value !== PER_STREAM)).toEqual([]);
    // At least the event whose effect committed just before the kill came again, and was skipped.
    expect(skipped).toBeGreaterThanOrEqual(1);
    expect(deliveries).toBe(events.length - appliedBeforeCrash + skipped);
    console.log(
      `idempotent consumer: ${events.length} events; first member applied ${appliedBeforeCrash} then was killed; ` +
        `restarted member got ${deliveries} deliveries, ${skipped} of them redeliveries skipped by handleOnce`,
    );
  });
});
