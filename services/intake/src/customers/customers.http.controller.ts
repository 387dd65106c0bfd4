import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, type PipeTransform } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import type { Response } from 'express';
import { customerNotFound } from './customer-domain-error';
import { CUSTOMER_ID_MESSAGE, CUSTOMER_ID_PATTERN, LinkIdentityRequest, UpsertCustomerRequest } from './customer.requests';
import { CustomersService, type CustomerOverview } from './customers.service';

/** A path's customer id, refused as a 400 naming `customerId` rather than reaching the store. */
export const customerIdPipe: PipeTransform<string, string> = {
  transform(value: string) {
    if (!CUSTOMER_ID_PATTERN.test(value)) throw new InputValidationError([{ field: 'customerId', message: CUSTOMER_ID_MESSAGE }]);
    return value;
  },
};

@ApiTags('customers')
@Controller()
export class CustomersHttpController {
  constructor(private readonly customers: CustomersService) {}

  @Put('customers/:customerId')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create or update a customer (profile, tier, identities) as a CRM pushes it; repeating a push changes nothing (201 created, 200 otherwise)' })
  async upsert(
    @Param('customerId', customerIdPipe) customerId: string,
    @Body() request: UpsertCustomerRequest,
    @CommandContext() metadata: CommandMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ customerId: string; created: boolean; revision: number }> {
    const { created, revision } = await this.customers.upsert(customerId, request, metadata);
    response.status(created ? 201 : 200).location(`/customers/${customerId}/overview`).setHeader('ETag', `"${revision}"`);
    return { customerId, created, revision };
  }

  @Post('customers/:customerId/identities')
  @HttpCode(201)
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: "Link an e-mail, phone, app user id or social handle to the customer (moving it from whoever had it); idempotent" })
  async link(@Param('customerId', customerIdPipe) customerId: string, @Body() request: LinkIdentityRequest, @CommandContext() metadata: CommandMetadata) {
    return { customerId, identity: await this.customers.linkIdentity(customerId, request, metadata) };
  }

  @Delete('customers/:customerId/identities')
  @HttpCode(204)
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Unlink an identity from the customer (404 when it is not theirs)' })
  async unlink(@Param('customerId', customerIdPipe) customerId: string, @Body() request: LinkIdentityRequest, @CommandContext() metadata: CommandMetadata): Promise<void> {
    await this.customers.unlinkIdentity(customerId, request, metadata);
  }

  @Get('customers')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Who an identity belongs to: ?kind=email&value=… (404 when nobody in the tenant)' })
  async find(@Query() query: LinkIdentityRequest, @CurrentPrincipal() principal: Principal): Promise<{ customerId: string }> {
    const found = await this.customers.findByIdentity(principal.tenantId, query);
    if (!found) throw customerNotFound(`with ${query.kind} ${query.value}`);
    return found;
  }

  @Get('customers/:customerId/overview')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The customer's profile, tier, identities on every channel and tickets" })
  async overview(@Param('customerId', customerIdPipe) customerId: string, @CurrentPrincipal() principal: Principal): Promise<CustomerOverview> {
    return this.customers.overview(principal.tenantId, customerId);
  }

  @Get('tickets/:ticketId/customer')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The overview of the ticket's customer: profile, identities and their other tickets" })
  async ofTicket(@Param('ticketId', new ParseUUIDPipe()) ticketId: string, @CurrentPrincipal() principal: Principal) {
    return this.customers.overviewOfTicket(principal.tenantId, ticketId);
  }
}
