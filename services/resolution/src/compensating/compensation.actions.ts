import { Injectable } from '@nestjs/common';
import type { ApproverLevel } from '@ticketing/contracts';
import { InputValidationError } from '@ticketing/platform';
import { v7 as uuidv7 } from 'uuid';
import type { TicketCall } from '../http-action';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { authorityOfRole } from './authority';
import type { ProposeCompensationRequest } from './compensation.requests';

export type ProposalResult = ActionResult & { compensationId: string; compensationStatus: string; approverLevel: ApproverLevel | null };

/**
 * Goodwill compensation under the tenant's authority limits, the same for REST and gRPC: within
 * the proposer's limit it is approved at once; above, it waits for an approver of the level whose
 * limit covers it (supervisor, above theirs a manager).
 */
@Injectable()
export class CompensationActions {
  constructor(private readonly actions: TicketActionsService) {}

  async propose(call: TicketCall, request: ProposeCompensationRequest): Promise<ProposalResult> {
    if (request.kind === 'points' && request.currency !== undefined) throw new InputValidationError([{ field: 'currency', message: 'points carry no currency' }]);
    if (request.kind !== 'points' && request.currency === undefined) throw new InputValidationError([{ field: 'currency', message: `required for ${request.kind}` }]);
    const compensationId = uuidv7();
    const result = await call.done(this.actions.act(
      call.ticketId,
      (m) => ({
        type: 'ProposeCompensation',
        ticketId: call.ticketId,
        metadata: m,
        data: {
          compensationId,
          kind: request.kind,
          amount: request.amount,
          currency: request.currency ?? null,
          reason: request.reason,
          proposedBy: m.actor.id,
          authority: authorityOfRole(call.principal.role),
        },
      }),
      call.metadata,
      call.expectedRevision,
    ));
    const { ticket } = await this.actions.load(call.ticketId, call.metadata.tenantId);
    const compensation = ticket.compensations.find((c) => c.compensationId === compensationId)!;
    return { ...result, compensationId, compensationStatus: compensation.status, approverLevel: compensation.approverLevel };
  }

  /** Approve or reject a pending compensation, saying why; the decider refuses an approver below the level it needs. */
  decide(call: TicketCall, compensationId: string, decision: 'approve' | 'reject', reason: string): Promise<ActionResult> {
    const approverLevel = authorityOfRole(call.principal.role) as ApproverLevel;
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({
        type: decision === 'approve' ? 'ApproveCompensation' : 'RejectCompensation',
        ticketId: call.ticketId,
        metadata: m,
        data: { compensationId, approverId: m.actor.id, approverLevel, reason },
      }),
      call.metadata,
      call.expectedRevision,
    ));
  }
}
