import {
  CustomerProfileUpdated,
  CustomerRegistered,
  CustomerTierChanged,
  stampEvent,
  type CommandMetadata,
  type CustomerTier,
  type EventEnvelope,
  type NewEvent,
} from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';
import { customerNotFound } from './customer-domain-error';

export interface CustomerProfile {
  externalId: string | null;
  name: string | null;
  language: string | null;
}

/** The customer aggregate (`customer-<tenant>.<customerId>`): registration, profile, tier. */
export interface CustomerState {
  registered: boolean;
  tenantId: string | null;
  tier: CustomerTier;
  profile: CustomerProfile;
}

export type CustomerCommand =
  /** A ticket came from an unknown handle: make sure the customer exists, change nothing else. */
  | { type: 'RegisterOnFirstContact'; customerId: string; metadata: CommandMetadata }
  /**
   * An upsert as a CRM pushes it, possibly many times over: registers the customer if new, else
   * records only what differs. Fields left undefined keep their value; null clears them.
   */
  | { type: 'UpsertCustomer'; customerId: string; metadata: CommandMetadata; profile: Partial<CustomerProfile>; tier?: CustomerTier; reason: string };

const noProfile = (): CustomerProfile => ({ externalId: null, name: null, language: null });

export const initialCustomerState = (): CustomerState => ({ registered: false, tenantId: null, tier: 'regular', profile: noProfile() });

export function decideCustomer(command: CustomerCommand, state: CustomerState): NewEvent[] {
  const { metadata, customerId } = command;
  // The tenant is part of the stream id, so this only trips on a bug; it must never leak data.
  if (state.registered && state.tenantId !== metadata.tenantId) throw customerNotFound(customerId);
  switch (command.type) {
    case 'RegisterOnFirstContact':
      if (state.registered) return [];
      return [stampEvent(CustomerRegistered, metadata, { customerId, source: 'first_contact', tier: 'regular', ...noProfile() })];
    case 'UpsertCustomer': {
      const profile = { ...state.profile, ...definedOnly(command.profile) };
      if (!state.registered) {
        return [stampEvent(CustomerRegistered, metadata, { customerId, source: 'api', tier: command.tier ?? 'regular', ...profile })];
      }
      const events: NewEvent[] = [];
      if (!sameProfile(profile, state.profile)) {
        events.push(stampEvent(CustomerProfileUpdated, metadata, { customerId, ...profile, reason: command.reason }));
      }
      if (command.tier !== undefined && command.tier !== state.tier) {
        events.push(stampEvent(CustomerTierChanged, metadata, { customerId, from: state.tier, to: command.tier, reason: command.reason }));
      }
      return events;
    }
    default: {
      const unknownCommand: never = command;
      throw new Error(`unknown customer command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

export function evolveCustomer(state: CustomerState, event: EventEnvelope): CustomerState {
  if (CustomerRegistered.is(event)) {
    const { tier, externalId, name, language } = event.data;
    return { registered: true, tenantId: event.tenantId, tier, profile: { externalId, name, language } };
  }
  if (CustomerProfileUpdated.is(event)) {
    const { externalId, name, language } = event.data;
    return { ...state, profile: { externalId, name, language } };
  }
  if (CustomerTierChanged.is(event)) return { ...state, tier: event.data.to };
  return state;
}

export const customerDecider: Decider<CustomerState, CustomerCommand> = {
  decide: decideCustomer,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
};

function definedOnly(profile: Partial<CustomerProfile>): Partial<CustomerProfile> {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}

function sameProfile(a: CustomerProfile, b: CustomerProfile): boolean {
  return a.externalId === b.externalId && a.name === b.name && a.language === b.language;
}
