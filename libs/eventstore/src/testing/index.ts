export { runEventStoreContract, type ContractOptions } from './event-store.contract';
export { createTestPostgresDatabase, type TestPostgresDatabase } from './postgres-test-database';
export { eventually } from './eventually';
export { postgresAvailability, dockerAvailability, describeIf, TEST_POSTGRES_URL, type Availability } from './infrastructure';
export { testEvent, uniqueCategory } from './test-events';
export { freePort } from './free-port';
