export * from './wait-for';
export * from './test-events';
export * from './postgres-database';
