import type { CommandMetadata, CustomerIdentity, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { specification } from '../testing/decider-specification';
import { CustomerDomainError } from './customer-domain-error';
import { customerIdentityDecider, type CustomerIdentityCommand } from './customer-identity.decider';
import { customerDecider, type CustomerCommand } from './customer.decider';

const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'service', id: 'crm' }, correlationId: 'c-1', causationId: null, now: '2025-03-01T10:00:00.000Z' };
const email: CustomerIdentity = { kind: 'email', network: null, value: 'li.wei@example.com' };

const stamped = (type: string, data: object, tenantId = 'acme'): NewEvent => ({
  type, schemaVersion: 1, tenantId, actor: metadata.actor, correlationId: 'c-1', causationId: null, occurredAt: metadata.now, data,
});
const registered = (overrides: object = {}) =>
  stamped('CustomerRegistered', { customerId: 'c1', source: 'api', tier: 'regular', externalId: null, name: null, language: null, ...overrides });
const linked = (customerId: string, overrides: object = {}) =>
  stamped('CustomerIdentityLinked', { customerId, ...email, source: 'api', previousCustomerId: null, reason: 'crm', ...overrides });

describe('customer decider', () => {
  const customer = specification<CustomerCommand, ReturnType<typeof customerDecider.initialState>>(customerDecider);
  const upsert = (fields: Partial<Extract<CustomerCommand, { type: 'UpsertCustomer' }>> = {}): CustomerCommand => ({
    type: 'UpsertCustomer', customerId: 'c1', metadata, reason: 'crm sync', profile: {}, ...fields,
  });

  it('given nothing, an upsert registers the customer with its profile and tier', () => {
    expect(customer.given([]).when(upsert({ profile: { externalId: 'crm-1', name: 'Li Wei' }, tier: 'vip' }))).toEqual([
      registered({ externalId: 'crm-1', name: 'Li Wei', tier: 'vip' }),
    ]);
  });

  it('given the same record, pushing it again decides nothing', () => {
    expect(customer.given([registered({ externalId: 'crm-1', tier: 'vip' })]).when(upsert({ profile: { externalId: 'crm-1' }, tier: 'vip' }))).toEqual([]);
  });

  it('given a registered customer, a changed tier and name are two events; absent fields keep their value, null clears', () => {
    const decided = customer.given([registered({ externalId: 'crm-1', name: 'Li', language: 'zh-CN' })]).when(upsert({ profile: { name: 'Li Wei', language: null }, tier: 'vip' }));
    expect(decided).toEqual([
      stamped('CustomerProfileUpdated', { customerId: 'c1', externalId: 'crm-1', name: 'Li Wei', language: null, reason: 'crm sync' }),
      stamped('CustomerTierChanged', { customerId: 'c1', from: 'regular', to: 'vip', reason: 'crm sync' }),
    ]);
  });

  it('given a VIP, the fold keeps the tier the change set', () => {
    const state = [registered(), stamped('CustomerTierChanged', { customerId: 'c1', from: 'regular', to: 'vip', reason: 'x' })]
      .map((e, i) => ({ ...e, streamPosition: i }) as EventEnvelope)
      .reduce(customerDecider.evolve, customerDecider.initialState());
    expect(state).toMatchObject({ registered: true, tier: 'vip' });
  });

  it('first contact registers once; again, or after a CRM push, it decides nothing', () => {
    const firstContact: CustomerCommand = { type: 'RegisterOnFirstContact', customerId: 'c1', metadata };
    expect(customer.given([]).when(firstContact)).toEqual([registered({ source: 'first_contact' })]);
    expect(customer.given([registered({ source: 'first_contact' })]).when(firstContact)).toEqual([]);
    expect(customer.given([registered({ tier: 'vip' })]).when(firstContact)).toEqual([]);
  });

  it("given another tenant's customer on the stream, refuses as not found", () => {
    expect(() => customer.given([registered({}), ].map((e) => ({ ...e, tenantId: 'globex' }))).when(upsert({ tier: 'vip' }))).toThrow(CustomerDomainError);
  });
});

describe('customer identity decider', () => {
  const identity = specification<CustomerIdentityCommand, ReturnType<typeof customerIdentityDecider.initialState>>(customerIdentityDecider);
  const claim = (customerId: string): CustomerIdentityCommand => ({ type: 'ClaimIdentity', identity: email, customerId, metadata });
  const link = (customerId: string): CustomerIdentityCommand => ({ type: 'LinkIdentity', identity: email, customerId, metadata, reason: 'crm' });
  const unlink = (customerId: string): CustomerIdentityCommand => ({ type: 'UnlinkIdentity', identity: email, customerId, metadata, reason: 'typo' });

  it('given a free identity, the first contact claims it', () => {
    expect(identity.given([]).when(claim('c1'))).toEqual([linked('c1', { source: 'first_contact', reason: 'first contact' })]);
  });

  it('given a claimed identity, a second first contact (the loser of a race) decides nothing', () => {
    expect(identity.given([linked('c1')]).when(claim('c2'))).toEqual([]);
  });

  it('given an identity of another customer, a link moves it in one decision: unlinked there, linked here', () => {
    expect(identity.given([linked('c1')]).when(link('c2'))).toEqual([
      stamped('CustomerIdentityUnlinked', { customerId: 'c1', ...email, reason: 'moved to c2: crm' }),
      linked('c2', { previousCustomerId: 'c1' }),
    ]);
  });

  it('given the identity is already theirs, linking again (a repeated CRM push) decides nothing', () => {
    expect(identity.given([linked('c1')]).when(link('c1'))).toEqual([]);
  });

  it('unlinks only from its owner; after that it is free to claim', () => {
    expect(identity.given([linked('c1')]).when(unlink('c1'))).toEqual([stamped('CustomerIdentityUnlinked', { customerId: 'c1', ...email, reason: 'typo' })]);
    expect(() => identity.given([linked('c1')]).when(unlink('c2'))).toThrow(expect.objectContaining({ code: 'identity_not_found' }));
    const unlinked = stamped('CustomerIdentityUnlinked', { customerId: 'c1', ...email, reason: 'typo' });
    expect(identity.given([linked('c1'), unlinked]).when(claim('c3'))).toHaveLength(1);
  });
});
