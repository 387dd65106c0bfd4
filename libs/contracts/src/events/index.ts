export * from './event-definition';
export * from './event-registry';
export * from './stamp-event';
