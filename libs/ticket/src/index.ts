export * from './commands/ticket-commands';
export * from './ticket-state';
export * from './ticket-errors';
export * from './ticket-policy';
export * from './ticket-queries';
export * from './ticket-decider';
export { evolve } from './evolve';
export { decideWith } from './decide/decide';
