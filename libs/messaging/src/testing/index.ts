export * from './test-envelopes';
export * from './kafka-mock-cluster';
export * from './kafka-test-options';
