import { customerIdentityStream, CustomerIdentityLinked, CustomerIdentityUnlinked, type EventEnvelope } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { CustomerIdentityRow } from './customer-identity.entity';

/**
 * The identity -> customer table, from the identity streams. Profiles and tiers need no read model:
 * a view reads the customer's own stream, which is short and always current.
 */
export const customerIdentitiesProjection: Projection = {
  name: 'intake.customer-identities',
  categories: [customerIdentityStream],
  handles: [CustomerIdentityLinked.type, CustomerIdentityUnlinked.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { tenantId } = event;
    if (CustomerIdentityLinked.is(event)) {
      const { customerId, kind, network, value, previousCustomerId } = event.data;
      const key = { tenantId, kind, network: network ?? '', value };
      const previous = (await manager.findOneBy(CustomerIdentityRow, key))?.previousCustomerIds ?? [];
      const previousCustomerIds = previousCustomerId && !previous.includes(previousCustomerId) ? [...previous, previousCustomerId] : previous;
      await manager.save(CustomerIdentityRow, { ...key, customerId, previousCustomerIds, linkedAt: new Date(event.occurredAt) });
    } else if (CustomerIdentityUnlinked.is(event)) {
      const { customerId, kind, network, value } = event.data;
      await manager.update(CustomerIdentityRow, { tenantId, kind, network: network ?? '', value, customerId }, { customerId: null });
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(CustomerIdentityRow);
  },
};
