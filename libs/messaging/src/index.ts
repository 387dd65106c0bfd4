export * from './event-bus.port';
export * from './envelope-codec';
export * from './dead-letter';
export * from './retry/backoff';
export * from './in-process/in-process-event-bus';
export * from './idempotency/processed-event.entity';
export * from './idempotency/handle-once';
export * from './idempotency/transactions';
