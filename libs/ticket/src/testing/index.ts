export * from './decider-specification';
export * from './ticket-fixtures';
