export * from './durable-timer.entity';
export * from './durable-timers';
export * from './durable-timer-scheduler';
