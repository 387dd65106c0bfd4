import { ForbiddenException, Injectable } from '@nestjs/common';
import { InputValidationError } from '@ticketing/platform';
import { TicketDomainError } from '@ticketing/ticket';
import type { TicketCall } from '../http-action';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { MergeCompletion } from './merge-completion';
import type { CloseRequest, MergeRequest, ReopenRequest, ResolveRequest } from './resolving.requests';

/** The end of the work, the same for REST and gRPC: resolve, reopen within the window, close, merge. */
@Injectable()
export class ResolvingActions {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly merges: MergeCompletion,
  ) {}

  resolve(call: TicketCall, request: ResolveRequest): Promise<ActionResult> {
    if (request.force && call.principal.role === 'agent') throw new ForbiddenException('only supervisors may force a resolution');
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({
        type: 'ResolveTicket',
        ticketId: call.ticketId,
        metadata: m,
        data: { resolutionCode: request.resolutionCode, summary: request.summary, resolvedBy: m.actor.id, force: request.force ?? false },
      }),
      call.metadata,
      call.expectedRevision,
    ));
  }

  async reopen(call: TicketCall, request: ReopenRequest): Promise<ActionResult> {
    if (call.principal.role === 'customer') {
      if (request.reason !== 'customer_request') throw new InputValidationError([{ field: 'reason', message: 'customers reopen with customer_request' }]);
      await this.actions.assertCustomerOwns(call.ticketId, call.principal);
    }
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({ type: 'ReopenTicket', ticketId: call.ticketId, metadata: m, data: { reason: request.reason, note: request.note ?? null } }),
      call.metadata,
      call.expectedRevision,
    ));
  }

  close(call: TicketCall, request: CloseRequest): Promise<ActionResult> {
    return call.done(this.actions.act(call.ticketId, (m) => ({ type: 'CloseTicket', ticketId: call.ticketId, metadata: m, data: { reason: request.reason } }), call.metadata, call.expectedRevision));
  }

  async merge(call: TicketCall, request: MergeRequest): Promise<ActionResult & { targetTicketId: string }> {
    const { ticketId, metadata } = call;
    await this.actions.load(ticketId, metadata.tenantId); // the source first: another tenant's is a 404
    try {
      await this.actions.load(request.targetTicketId, metadata.tenantId);
    } catch (error) {
      if (error instanceof TicketDomainError) throw new InputValidationError([{ field: 'targetTicketId', message: 'no such ticket in this tenant' }]);
      throw error;
    }
    const data = { sourceTicketId: ticketId, targetTicketId: request.targetTicketId, reason: request.reason };
    const source = await call.done(this.actions.act(ticketId, (m) => ({ type: 'MergeTicket', ticketId, metadata: m, data }), metadata, call.expectedRevision));
    // The target side now; MergeCompletion repeats it from the source's event should this process die here.
    await this.merges.recordOnTarget(data, metadata);
    return { ...source, targetTicketId: request.targetTicketId };
  }
}
