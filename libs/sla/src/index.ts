export * from './calendar';
export * from './working-time';
export * from './sla-clock';
export * from './sla-policy';
