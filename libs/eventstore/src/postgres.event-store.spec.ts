import { createEventStore } from './create-event-store';
import { createTestPostgresDatabase, describeIf, postgresAvailability, runEventStoreContract, type TestPostgresDatabase } from './testing';

describeIf(postgresAvailability(), 'PostgreSQL event store (local server, fresh database)', () => {
  let database: TestPostgresDatabase;
  beforeAll(async () => {
    database = await createTestPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  runEventStoreContract('postgres', () => createEventStore({ kind: 'postgres', url: database.url, poolSize: 12 }));
});
