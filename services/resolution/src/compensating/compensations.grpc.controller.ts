import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { COMPENSATION_KINDS, type CompensationKind } from '@ticketing/contracts';
import { Roles } from '@ticketing/platform';
import { CompensationRef, orEmpty, TicketRef } from '../grpc-messages';
import { OnTicket, type TicketCall } from '../http-action';
import { CompensationActions } from './compensation.actions';
import { CompensationDecisionRequest } from './compensation.requests';

class CompensationMessage extends TicketRef {
  @IsIn(COMPENSATION_KINDS)
  kind!: CompensationKind;

  /** int64 arrives as a string. */
  @IsString()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'amount must be a positive whole number of minor units' })
  amount!: string;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO-4217 code' })
  currency?: string;

  @IsString()
  @Length(1, 2000)
  reason!: string;
}
class DecisionMessage extends IntersectionType(CompensationDecisionRequest, CompensationRef) {}

/** Compensation over gRPC: propose within authority limits, approve or reject (supervisor; above their limits a manager). */
@Controller()
export class CompensationsGrpcController {
  constructor(private readonly compensations: CompensationActions) {}

  @GrpcMethod('ResolutionService', 'ProposeCompensation')
  @Roles('agent', 'supervisor')
  async propose(@Payload() m: CompensationMessage, @OnTicket() call: TicketCall) {
    const result = await this.compensations.propose(call, { kind: m.kind, amount: Number(m.amount), currency: m.currency || undefined, reason: m.reason });
    return { ...result, approverLevel: orEmpty(result.approverLevel) };
  }

  @GrpcMethod('ResolutionService', 'ApproveCompensation')
  @Roles('supervisor', 'manager')
  approve(@Payload() m: DecisionMessage, @OnTicket() call: TicketCall) {
    return this.compensations.decide(call, m.compensationId, 'approve', m.reason);
  }

  @GrpcMethod('ResolutionService', 'RejectCompensation')
  @Roles('supervisor', 'manager')
  reject(@Payload() m: DecisionMessage, @OnTicket() call: TicketCall) {
    return this.compensations.decide(call, m.compensationId, 'reject', m.reason);
  }
}
