import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TicketSummary } from '../ticket-list/ticket-summary.entity';
import { CustomerIdentityRow } from './customer-identity.entity';
import { customerIdentitiesProjection } from './customer-identities.projection';
import { CustomersGrpcController } from './customers.grpc.controller';
import { CustomersHttpController } from './customers.http.controller';
import { CustomersService } from './customers.service';

/** Read models and projections of customers, for intake's ServiceDescriptor. */
export const customerEntities = [CustomerIdentityRow];
export const customerProjections = [customerIdentitiesProjection];

/** One customer across channels: identities, tier and profile; resolution on ticket opening. */
@Module({
  imports: [TypeOrmModule.forFeature([CustomerIdentityRow, TicketSummary])],
  controllers: [CustomersHttpController, CustomersGrpcController],
  providers: [CustomersService],
  exports: [CustomersService],
})
export class CustomersModule {}
