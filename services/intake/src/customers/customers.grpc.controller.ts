import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IsUUID, Matches } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { CUSTOMER_ID_MESSAGE, CUSTOMER_ID_PATTERN, LinkIdentityRequest, UpsertCustomerRequest } from './customer.requests';
import { CustomersService, type CustomerOverview } from './customers.service';

class UpsertCustomerMessage extends UpsertCustomerRequest {
  @Matches(CUSTOMER_ID_PATTERN, { message: CUSTOMER_ID_MESSAGE })
  customerId!: string;
}

class LinkCustomerIdentityMessage extends LinkIdentityRequest {
  @Matches(CUSTOMER_ID_PATTERN, { message: CUSTOMER_ID_MESSAGE })
  customerId!: string;
}

class GetCustomerOverviewMessage {
  @Matches(CUSTOMER_ID_PATTERN, { message: CUSTOMER_ID_MESSAGE })
  customerId!: string;
}

class GetTicketCustomerMessage {
  @IsUUID()
  ticketId!: string;
}

/** gRPC face of CustomersHttpController (CustomerService in libs/contracts/proto/intake.proto). */
@Controller()
export class CustomersGrpcController {
  constructor(private readonly customers: CustomersService) {}

  @GrpcMethod('CustomerService', 'UpsertCustomer')
  @Roles('supervisor', 'admin')
  async upsertCustomer(@Payload() request: UpsertCustomerMessage, @CommandContext() metadata: CommandMetadata) {
    const { customerId, ...record } = request;
    return { customerId, ...(await this.customers.upsert(customerId, record, metadata)) };
  }

  @GrpcMethod('CustomerService', 'LinkCustomerIdentity')
  @Roles('agent', 'supervisor', 'admin')
  async linkCustomerIdentity(@Payload() request: LinkCustomerIdentityMessage, @CommandContext() metadata: CommandMetadata) {
    const { customerId, ...identity } = request;
    const linked = await this.customers.linkIdentity(customerId, identity, metadata);
    return { ...linked, network: linked.network ?? '' };
  }

  @GrpcMethod('CustomerService', 'GetCustomerOverview')
  @Roles('agent', 'supervisor')
  async getCustomerOverview(@Payload() request: GetCustomerOverviewMessage, @CurrentPrincipal() principal: Principal) {
    return toMessage(await this.customers.overview(principal.tenantId, request.customerId));
  }

  @GrpcMethod('CustomerService', 'GetTicketCustomer')
  @Roles('agent', 'supervisor')
  async getTicketCustomer(@Payload() request: GetTicketCustomerMessage, @CurrentPrincipal() principal: Principal) {
    return toMessage(await this.customers.overviewOfTicket(principal.tenantId, request.ticketId));
  }
}

/** proto3 strings have no null: absent values travel as ''. */
function toMessage(overview: CustomerOverview) {
  return {
    ...overview,
    externalId: overview.externalId ?? '',
    name: overview.name ?? '',
    language: overview.language ?? '',
    identities: overview.identities.map((i) => ({ ...i, network: i.network ?? '' })),
    tickets: overview.tickets.map((t) => ({ ...t, priority: t.priority ?? '', category: t.category ?? '', assigneeId: t.assigneeId ?? '' })),
  };
}
