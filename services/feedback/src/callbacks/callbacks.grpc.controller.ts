import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type CommandMetadata } from '@ticketing/contracts';
import { CommandContext, CurrentPrincipal, InputValidationError, Roles, type Principal } from '@ticketing/platform';
import { CALLBACK_STATUSES, CallbacksService, type CallbackListing, type CallbackStatus } from './callbacks.service';

const proto = (c: CallbackListing) => ({ ...c, completedBy: c.completedBy ?? '', outcome: c.outcome ?? '', note: c.note ?? '', completedAt: c.completedAt ?? '' });

@Controller()
export class CallbacksGrpcController {
  constructor(private readonly callbacks: CallbacksService) {}

  @GrpcMethod('FeedbackService', 'ListCallbacks')
  @Roles('agent', 'supervisor')
  async list(@Payload() request: { status?: string; assignee?: string }, @CurrentPrincipal() principal: Principal) {
    const status = request.status || undefined;
    if (status !== undefined && !CALLBACK_STATUSES.includes(status as CallbackStatus)) {
      throw new InputValidationError([{ field: 'status', message: `must be one of ${CALLBACK_STATUSES.join(', ')}` }]);
    }
    const callbacks = await this.callbacks.list(principal.tenantId, { status: status as CallbackStatus | undefined, assignee: request.assignee || undefined });
    return { callbacks: callbacks.map(proto) };
  }

  @GrpcMethod('FeedbackService', 'CompleteCallback')
  @Roles('agent', 'supervisor')
  async complete(@Payload() request: { callbackId: string; outcome: string; note?: string }, @CommandContext() metadata: CommandMetadata) {
    const problems = [];
    if (!request.callbackId) problems.push({ field: 'callbackId', message: 'is required' });
    if (!CALLBACK_OUTCOMES.includes(request.outcome as CallbackOutcome)) problems.push({ field: 'outcome', message: `must be one of ${CALLBACK_OUTCOMES.join(', ')}` });
    if ((request.note ?? '').length > 5000) problems.push({ field: 'note', message: 'must be at most 5000 characters' });
    if (problems.length > 0) throw new InputValidationError(problems);
    return proto(await this.callbacks.complete(request.callbackId, request.outcome as CallbackOutcome, request.note || null, metadata));
  }
}
