import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  identityFromHandle,
  isIdentityProblem,
  normaliseIdentity,
  customerIdentityStream,
  customerStream,
  streamId,
  TicketOpened,
  type Channel,
  type CommandMetadata,
  type CustomerIdentity,
  type CustomerTier,
} from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent } from '@ticketing/platform';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { TicketSummary } from '../ticket-list/ticket-summary.entity';
import { CustomerDomainError, customerNotFound } from './customer-domain-error';
import { CustomerIdentityRow } from './customer-identity.entity';
import { customerIdentityDecider } from './customer-identity.decider';
import { customerDecider, type CustomerProfile, type CustomerState } from './customer.decider';
import type { LinkIdentityRequest, UpsertCustomerRequest } from './customer.requests';

const NAMESPACE = '0b7f4c2e-61d5-4a8f-b3e9-5c2a7d9e1f48';
const MAX_TICKETS_IN_OVERVIEW = 100;

export interface ResolvedCustomer {
  customerId: string;
  tier: CustomerTier;
}

export interface CustomerOverview extends CustomerProfile {
  customerId: string;
  tier: CustomerTier;
  revision: number;
  identities: Array<CustomerIdentity & { linkedAt: string }>;
  /** Newest activity first: the customer's tickets on every channel, and those of identities moved here. */
  tickets: Array<Pick<TicketSummary, 'ticketId' | 'status' | 'channel' | 'subject' | 'priority' | 'category' | 'assigneeId'> & { customerId: string; openedAt: string; updatedAt: string }>;
}

/**
 * One customer across channels. Writes go to the customer's stream and to one stream per identity;
 * the overview combines the customer's stream (always current) with the identity table and the
 * ticket list (read models, rebuilt from the log).
 */
@Injectable()
export class CustomersService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectRepository(CustomerIdentityRow) private readonly identities: Repository<CustomerIdentityRow>,
    @InjectRepository(TicketSummary) private readonly tickets: Repository<TicketSummary>,
  ) {}

  /**
   * The customer a new ticket belongs to. A caller that names the customer keeps it; otherwise the
   * handle's identity says who it is, and an identity nobody has is claimed for a customer whose id
   * is derived from it, so simultaneous first contacts all end on the one customer. Steady state:
   * two stream reads, no write.
   */
  async resolve(metadata: CommandMetadata, contact: { channel: Channel; customerHandle: string; customerId?: string }): Promise<ResolvedCustomer> {
    if (contact.customerId) {
      const { state } = await this.load(metadata.tenantId, contact.customerId);
      return { customerId: contact.customerId, tier: state.registered ? state.tier : 'regular' };
    }
    const identity = identityFromHandle(contact.channel, contact.customerHandle);
    const claimed = await handleCommand({
      store: this.store,
      streamId: identityStreamId(metadata.tenantId, identity),
      decider: customerIdentityDecider,
      command: { type: 'ClaimIdentity', identity, customerId: firstContactCustomerId(metadata.tenantId, identity), metadata },
      validate: validateNewEvent,
    });
    const customerId = claimed.state.customerId as string;
    // Claim first, register second: a crash in between leaves a claim that the next contact
    // completes, never a registered customer without the identity that made it.
    const registered = await handleCommand({
      store: this.store,
      streamId: customerStreamId(metadata.tenantId, customerId),
      decider: customerDecider,
      command: { type: 'RegisterOnFirstContact', customerId, metadata },
      validate: validateNewEvent,
    });
    return { customerId, tier: registered.state.tier };
  }

  /** PUT semantics for a CRM: registers or updates, links the given identities; idempotent. */
  async upsert(customerId: string, request: UpsertCustomerRequest, metadata: CommandMetadata): Promise<{ created: boolean; revision: number }> {
    // Every identity is checked before anything is written: a bad one refuses the whole push.
    const identities = (request.identities ?? []).map((given, i) => normalised(given, `identities.${i}.`));
    const reason = request.reason ?? 'customer record pushed through the API';
    const result = await handleCommand({
      store: this.store,
      streamId: customerStreamId(metadata.tenantId, customerId),
      decider: customerDecider,
      command: {
        type: 'UpsertCustomer',
        customerId,
        metadata,
        reason,
        tier: request.tier,
        profile: { externalId: request.externalId, name: request.name, language: request.language },
      },
      validate: validateNewEvent,
    });
    for (const identity of identities) await this.link(customerId, identity, reason, metadata);
    return { created: result.newEvents.some((e) => e.type === 'CustomerRegistered'), revision: result.nextExpectedRevision };
  }

  /** Links an identity to an existing customer (moving it from another one); idempotent. */
  async linkIdentity(customerId: string, request: LinkIdentityRequest, metadata: CommandMetadata): Promise<CustomerIdentity> {
    const identity = normalised(request, '');
    const { state } = await this.load(metadata.tenantId, customerId);
    if (!state.registered) throw customerNotFound(customerId);
    await this.link(customerId, identity, request.reason ?? 'linked through the API', metadata);
    return identity;
  }

  async unlinkIdentity(customerId: string, request: LinkIdentityRequest, metadata: CommandMetadata): Promise<void> {
    const identity = normalised(request, '');
    await handleCommand({
      store: this.store,
      streamId: identityStreamId(metadata.tenantId, identity),
      decider: customerIdentityDecider,
      command: { type: 'UnlinkIdentity', identity, customerId, metadata, reason: request.reason ?? 'unlinked through the API' },
      validate: validateNewEvent,
    });
  }

  /** Profile, identities and tickets of a customer of the caller's tenant; 404 otherwise. */
  async overview(tenantId: string, customerId: string): Promise<CustomerOverview> {
    const { state, revision } = await this.load(tenantId, customerId);
    if (!state.registered) throw customerNotFound(customerId);
    const identities = await this.identities.find({ where: { tenantId, customerId }, order: { kind: 'ASC', value: 'ASC' } });
    // Tickets opened before an identity was moved here belong to the person too.
    const customerIds = [...new Set([customerId, ...identities.flatMap((i) => i.previousCustomerIds)])];
    const tickets = await this.tickets.find({
      where: { tenantId, customerId: In(customerIds) },
      order: { updatedAt: 'DESC' },
      take: MAX_TICKETS_IN_OVERVIEW,
    });
    return {
      customerId,
      tier: state.tier,
      revision,
      ...state.profile,
      identities: identities.map((i) => ({ kind: i.kind as CustomerIdentity['kind'], network: i.network || null, value: i.value, linkedAt: i.linkedAt.toISOString() })),
      tickets: tickets.map((t) => ({
        ticketId: t.ticketId,
        customerId: t.customerId,
        status: t.status,
        channel: t.channel,
        subject: t.subject,
        priority: t.priority,
        category: t.category,
        assigneeId: t.assigneeId,
        openedAt: t.openedAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
      })),
    };
  }

  /** The customer of a ticket, read from the ticket's first event; another tenant's ticket is a 404. */
  async overviewOfTicket(tenantId: string, ticketId: string): Promise<CustomerOverview & { ticketId: string }> {
    const [opened] = await this.store.readStream(streamId('ticket', ticketId), { maxCount: 1 });
    if (!opened || opened.tenantId !== tenantId || !TicketOpened.is(opened)) {
      throw new CustomerDomainError('customer_not_found', `ticket ${ticketId} not found`);
    }
    return { ticketId, ...(await this.overview(tenantId, await this.currentCustomerOf(tenantId, opened.data.customerId))) };
  }

  /**
   * A customer registered by first contact whose identities were all moved to one other customer is
   * that customer now (the agent linked them): a ticket of the old id shows the person it belongs to.
   */
  private async currentCustomerOf(tenantId: string, customerId: string): Promise<string> {
    if ((await this.identities.countBy({ tenantId, customerId })) > 0) return customerId;
    const movedTo: Array<{ customerId: string }> = await this.identities
      .createQueryBuilder('identity')
      .select('DISTINCT identity.customerId', 'customerId')
      .where('identity.tenantId = :tenantId AND identity.customerId IS NOT NULL', { tenantId })
      .andWhere('identity.previousCustomerIds @> CAST(:ids AS jsonb)', { ids: JSON.stringify([customerId]) })
      .getRawMany();
    return movedTo.length === 1 ? movedTo[0].customerId : customerId;
  }

  /** Who an identity belongs to in the caller's tenant (a CRM or an agent looking a contact up). */
  async findByIdentity(tenantId: string, request: LinkIdentityRequest): Promise<{ customerId: string } | null> {
    const identity = normalised(request, '');
    const row = await this.identities.findOneBy({ tenantId, kind: identity.kind, network: identity.network ?? '', value: identity.value, customerId: Not(IsNull()) });
    return row?.customerId ? { customerId: row.customerId } : null;
  }

  private async link(customerId: string, identity: CustomerIdentity, reason: string, metadata: CommandMetadata): Promise<void> {
    await handleCommand({
      store: this.store,
      streamId: identityStreamId(metadata.tenantId, identity),
      decider: customerIdentityDecider,
      command: { type: 'LinkIdentity', identity, customerId, metadata, reason },
      validate: validateNewEvent,
    });
  }

  private load(tenantId: string, customerId: string): Promise<{ state: CustomerState; revision: number }> {
    return aggregateStream(this.store, customerStreamId(tenantId, customerId), customerDecider.evolve, customerDecider.initialState);
  }
}

/** Tenant in the stream id: two shops may both have a customer "42". */
export function customerStreamId(tenantId: string, customerId: string): string {
  return streamId(customerStream, `${tenantId}.${customerId}`);
}

/** One stream per identity, named by a hash so any value (length, characters) makes a valid id. */
export function identityStreamId(tenantId: string, identity: CustomerIdentity): string {
  return streamId(customerIdentityStream, uuidv5(`${tenantId}\u0000${identity.kind}\u0000${identity.network ?? ''}\u0000${identity.value}`, NAMESPACE));
}

/** The id of a customer registered by first contact through `identity`: the same for every racer. */
export function firstContactCustomerId(tenantId: string, identity: CustomerIdentity): string {
  return uuidv5(`${tenantId}\u0000first-contact\u0000${identity.kind}\u0000${identity.network ?? ''}\u0000${identity.value}`, NAMESPACE);
}

function normalised(request: LinkIdentityRequest, fieldPrefix: string): CustomerIdentity {
  const result = normaliseIdentity(request);
  if (isIdentityProblem(result)) throw new InputValidationError([{ field: `${fieldPrefix}${result.field}`, message: result.message }]);
  return result;
}
