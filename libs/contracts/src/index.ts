export * from './envelope';
export * from './streams';
export * from './schema';
export * from './events';
export * from './ticket';
export * from './agent/agent.events';
export * from './registry';
export * from './proto-paths';
