// One import for event definition files: the schema helpers and `defineEvent`.
export * from '../schema/schema';
export * from '../events/event-definition';
