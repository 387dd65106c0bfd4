import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { Allow, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { v7 as uuidv7 } from 'uuid';
import { EmailIntakeService } from '../email/email-intake.service';
import { MAX_RAW_EMAIL_BYTES } from '../email/parse-email';
import { DeliveriesService } from '../outbound/deliveries.service';
import { messageFromSubmission, type SubmissionResult } from './customer-message';
import { checkIdempotencyKey } from './submission.http.controller';
import { SubmitMessageRequest } from './submit-message.request';
import { SubmissionService } from './submission.service';

/** proto3 sends nothing for unset fields (loader defaults: false), so optional fields validate as absent. */
class SubmitMessageMessage extends SubmitMessageRequest {
  @IsOptional()
  @IsString()
  @Length(1, 255)
  idempotencyKey?: string;
}

class SubmitEmailMessage {
  /** Raw RFC 5322 bytes; checked in the handler (class-validator has no bytes type). */
  @Allow()
  raw!: Buffer;
}

class ListDeliveriesMessage {
  @IsUUID()
  ticketId!: string;
}

const toResult = (r: SubmissionResult) => ({ ...r, previousTicketId: r.previousTicketId ?? '' });

/** gRPC face of the channels (libs/contracts/proto/intake.proto). */
@Controller()
export class SubmissionGrpcController {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly email: EmailIntakeService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @GrpcMethod('IntakeService', 'SubmitMessage')
  @Roles('customer', 'agent', 'supervisor')
  async submitMessage(@Payload() request: SubmitMessageMessage, @CommandContext() metadata: CommandMetadata) {
    const { idempotencyKey, ...submission } = request;
    checkIdempotencyKey(idempotencyKey);
    return toResult(await this.submissions.submit(messageFromSubmission(submission, idempotencyKey, uuidv7), metadata));
  }

  @GrpcMethod('IntakeService', 'SubmitEmail')
  @Roles('customer', 'supervisor')
  async submitEmail(@Payload() request: SubmitEmailMessage, @CommandContext() metadata: CommandMetadata) {
    const raw = request.raw;
    if (!((raw as unknown) instanceof Uint8Array)) throw new InputValidationError([{ field: 'raw', message: 'must be the raw message bytes' }]);
    if (raw.length > MAX_RAW_EMAIL_BYTES) throw new InputValidationError([{ field: 'raw', message: `must not exceed ${MAX_RAW_EMAIL_BYTES} bytes` }]);
    const result = await this.email.ingest(Buffer.from(raw), metadata);
    return result.accepted
      ? { accepted: true, ...toResult(result) }
      : { accepted: false, automatedKind: result.automated.kind, automatedReason: result.automated.reason };
  }

  @GrpcMethod('IntakeService', 'ListDeliveries')
  @Roles('agent', 'supervisor', 'analyst')
  async listDeliveries(@Payload() request: ListDeliveriesMessage, @CurrentPrincipal() principal: Principal) {
    const rows = await this.deliveries.forTicket(principal.tenantId, request.ticketId);
    return {
      deliveries: rows.map((d) => ({
        deliveryId: d.deliveryId,
        kind: d.kind,
        channel: d.channel,
        transport: d.transport,
        status: d.status,
        attempts: d.attempts,
        lastError: d.lastError ?? '',
      })),
    };
  }
}
