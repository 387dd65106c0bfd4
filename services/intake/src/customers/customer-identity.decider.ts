import {
  CustomerIdentityLinked,
  CustomerIdentityUnlinked,
  describeIdentity,
  stampEvent,
  type CommandMetadata,
  type CustomerIdentity,
  type EventEnvelope,
  type NewEvent,
} from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';
import { CustomerDomainError } from './customer-domain-error';

/** Which customer one identity belongs to (`customeridentity-<id>`); null when nobody's. */
export interface CustomerIdentityState {
  customerId: string | null;
}

export type CustomerIdentityCommand =
  /** First contact: take the identity for `customerId` unless someone already has it (then nothing). */
  | { type: 'ClaimIdentity'; identity: CustomerIdentity; customerId: string; metadata: CommandMetadata }
  /** An agent or a CRM says it is this customer's: linked, or moved here from whoever had it. */
  | { type: 'LinkIdentity'; identity: CustomerIdentity; customerId: string; metadata: CommandMetadata; reason: string }
  | { type: 'UnlinkIdentity'; identity: CustomerIdentity; customerId: string; metadata: CommandMetadata; reason: string };

export function decideCustomerIdentity(command: CustomerIdentityCommand, state: CustomerIdentityState): NewEvent[] {
  const { metadata, customerId, identity } = command;
  switch (command.type) {
    case 'ClaimIdentity':
      if (state.customerId !== null) return [];
      return [stampEvent(CustomerIdentityLinked, metadata, { customerId, ...identity, source: 'first_contact', previousCustomerId: null, reason: 'first contact' })];
    case 'LinkIdentity': {
      if (state.customerId === customerId) return [];
      const linked = stampEvent(CustomerIdentityLinked, metadata, {
        customerId, ...identity, source: 'api', previousCustomerId: state.customerId, reason: command.reason,
      });
      if (state.customerId === null) return [linked];
      // Moved in one append: there is no moment at which the identity has two owners or none.
      return [stampEvent(CustomerIdentityUnlinked, metadata, { customerId: state.customerId, ...identity, reason: `moved to ${customerId}: ${command.reason}` }), linked];
    }
    case 'UnlinkIdentity':
      if (state.customerId !== customerId) {
        throw new CustomerDomainError('identity_not_found', `${describeIdentity(identity)} is not linked to customer ${customerId}`);
      }
      return [stampEvent(CustomerIdentityUnlinked, metadata, { customerId, ...identity, reason: command.reason })];
    default: {
      const unknownCommand: never = command;
      throw new Error(`unknown identity command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

export function evolveCustomerIdentity(state: CustomerIdentityState, event: EventEnvelope): CustomerIdentityState {
  if (CustomerIdentityLinked.is(event)) return { customerId: event.data.customerId };
  if (CustomerIdentityUnlinked.is(event)) return state.customerId === event.data.customerId ? { customerId: null } : state;
  return state;
}

export const customerIdentityDecider: Decider<CustomerIdentityState, CustomerIdentityCommand> = {
  decide: decideCustomerIdentity,
  evolve: evolveCustomerIdentity,
  initialState: () => ({ customerId: null }),
};
