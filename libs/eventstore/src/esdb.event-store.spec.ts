import type { StartedTestContainer } from 'testcontainers';
import { createEventStore } from './create-event-store';
import { describeIf, dockerAvailability, runEventStoreContract } from './testing';

const IMAGE = process.env['ESDB_IMAGE'] ?? 'eventstore/eventstore:24.10';

// EventStoreDB runs only in a container; where no engine answers, the tier is skipped with the reason.
describeIf(dockerAvailability(), `EventStoreDB event store (testcontainers ${IMAGE})`, () => {
  let container: StartedTestContainer;
  let connectionString: string;

  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    container = await new GenericContainer(IMAGE)
      .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  }, 180_000);
  afterAll(async () => {
    await container?.stop();
  });

  runEventStoreContract('esdb', () => createEventStore({ kind: 'esdb', connectionString }), {
    gap: { writers: 8, appendsPerWriter: 500, streams: 200 },
  });
});
