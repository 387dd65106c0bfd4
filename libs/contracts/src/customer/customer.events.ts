import { defineEvent, nullable, oneOf, string } from '../ticket/events-kit';
import { CUSTOMER_TIERS, type CustomerTier } from '../ticket/vocabulary';
import { CUSTOMER_IDENTITY_KINDS, type CustomerIdentityKind } from './identity';

/**
 * Customers are two kinds of stream, both owned by intake:
 * - `customer-<tenant>.<customerId>`: the customer's registration, profile and tier;
 * - `customeridentity-<id>` (id derived from tenant, kind, network and normalised value): which
 *   customer an identity belongs to. One stream per identity is what makes "an identity belongs to
 *   one customer" hold under concurrency: linking it is an append with the revision read, so two
 *   first contacts or a CRM push racing a first contact cannot give it two owners, and moving it
 *   from one customer to another is a single atomic append of Unlinked + Linked.
 */
export const customerStream = 'customer';
export const customerIdentityStream = 'customeridentity';

export const CUSTOMER_SOURCES = ['first_contact', 'api'] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];

const customerId = string('The customer; its stream is `customer-<tenant>.<customerId>`.', { maxLength: 200 });
const reason = string('Why, in words for the audit trail.', { maxLength: 500 });
const externalId = nullable(string("The customer's id in the tenant's CRM or shop.", { maxLength: 200 }));
const name = nullable(string('Display name.', { maxLength: 200 }));
const language = nullable(string('Preferred language (BCP 47).', { maxLength: 35 }));

export interface CustomerRegisteredData {
  customerId: string;
  source: CustomerSource;
  tier: CustomerTier;
  externalId: string | null;
  name: string | null;
  language: string | null;
}

export const CustomerRegistered = defineEvent<'CustomerRegistered', CustomerRegisteredData>({
  type: 'CustomerRegistered',
  summary: 'A customer became known: on first contact through an unknown handle, or pushed by the API (CRM).',
  streamCategory: customerStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    customerId,
    source: oneOf(CUSTOMER_SOURCES, '`first_contact` (a ticket from an unknown handle) or `api` (a CRM push).'),
    tier: oneOf(CUSTOMER_TIERS, 'Tier at registration.'),
    externalId,
    name,
    language,
  },
});

export interface CustomerProfileUpdatedData {
  customerId: string;
  /** The whole profile after the change, so a consumer needs no earlier event to show it. */
  externalId: string | null;
  name: string | null;
  language: string | null;
  reason: string;
}

export const CustomerProfileUpdated = defineEvent<'CustomerProfileUpdated', CustomerProfileUpdatedData>({
  type: 'CustomerProfileUpdated',
  summary: "The customer's profile changed (external id, name, language); carries the whole profile after the change.",
  streamCategory: customerStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: { customerId, externalId, name, language, reason },
});

export interface CustomerTierChangedData {
  customerId: string;
  from: CustomerTier;
  to: CustomerTier;
  reason: string;
}

export const CustomerTierChanged = defineEvent<'CustomerTierChanged', CustomerTierChangedData>({
  type: 'CustomerTierChanged',
  summary: "The customer's tier changed; tickets opened from now on carry the new tier (routing's VIP lane).",
  streamCategory: customerStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    customerId,
    from: oneOf(CUSTOMER_TIERS, 'Tier before.'),
    to: oneOf(CUSTOMER_TIERS, 'Tier after.'),
    reason,
  },
  rules: (data) => (data.from === data.to ? ['data.to must differ from data.from'] : []),
});

interface IdentityFields {
  customerId: string;
  kind: CustomerIdentityKind;
  /** Set for `social` only. */
  network: string | null;
  /** Normalised: lower-cased e-mail, `+digits` or national digits for phones, handle without `@`. */
  value: string;
}

const identitySchema = {
  customerId,
  kind: oneOf(CUSTOMER_IDENTITY_KINDS, 'What the identity is.'),
  network: nullable(string('Social network, for `social` identities only.', { maxLength: 40 })),
  value: string('Normalised address, number, user id or handle.', { maxLength: 320 }),
};

const networkOnlyForSocial = (data: IdentityFields): string[] =>
  (data.kind === 'social') === (data.network !== null) ? [] : ['data.network must be set for social identities and only for them'];

export interface CustomerIdentityLinkedData extends IdentityFields {
  source: CustomerSource;
  /** The customer the identity was moved away from, if it belonged to another one. */
  previousCustomerId: string | null;
  reason: string;
}

export const CustomerIdentityLinked = defineEvent<'CustomerIdentityLinked', CustomerIdentityLinkedData>({
  type: 'CustomerIdentityLinked',
  summary: 'An identity (e-mail, phone, app user id, social handle) now belongs to this customer; tickets from it are theirs.',
  streamCategory: customerIdentityStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    ...identitySchema,
    source: oneOf(CUSTOMER_SOURCES, '`first_contact` (registered with it) or `api` (linked by an agent or a CRM).'),
    previousCustomerId: nullable(string('Customer the identity was moved from.', { maxLength: 200 })),
    reason,
  },
  rules: networkOnlyForSocial,
});

export interface CustomerIdentityUnlinkedData extends IdentityFields {
  reason: string;
}

export const CustomerIdentityUnlinked = defineEvent<'CustomerIdentityUnlinked', CustomerIdentityUnlinkedData>({
  type: 'CustomerIdentityUnlinked',
  summary: 'An identity no longer belongs to this customer (removed, or moved to another customer in the same append).',
  streamCategory: customerIdentityStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: { ...identitySchema, reason },
  rules: networkOnlyForSocial,
});

export const customerEventDefinitions = [
  CustomerRegistered,
  CustomerProfileUpdated,
  CustomerTierChanged,
  CustomerIdentityLinked,
  CustomerIdentityUnlinked,
] as const;
