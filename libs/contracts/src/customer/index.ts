export * from './identity';
export * from './customer.events';
