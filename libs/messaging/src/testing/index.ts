export * from './wait-for';
export * from './test-events';
export * from './postgres-database';
export * from './kafka-mock-cluster';
export * from './kafka-test-options';
