export * from './event-definition';
export * from './event-registry';
