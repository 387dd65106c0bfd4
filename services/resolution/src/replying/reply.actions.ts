import { Inject, Injectable, Optional } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { TicketCall } from '../http-action';
import { placeholdersOf } from '../macros/macro-template';
import { MacrosService } from '../macros/macros.service';
import { ORDER_LOOKUP, type OrderLookup } from '../orders/order-lookup';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import { replyPlan } from './reply-plan';
import { mentionsIn, type InfoRequest, type NoteRequest, type ProgressUpdateRequest, type ReplyRequest, type TagsRequest } from './reply.requests';

/** The agent's conversation work on a ticket, the same for REST and gRPC. */
@Injectable()
export class ReplyActions {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly macros: MacrosService,
    @Optional() @Inject(ORDER_LOOKUP) private readonly orders: OrderLookup | null = null,
  ) {}

  /** Text, or a macro whose `{{order.*}}` fields come from the shop's order system; fields in the request override the shop's. */
  async reply(call: TicketCall, request: ReplyRequest): Promise<ActionResult> {
    const macro = request.macroId === undefined ? undefined : await this.macros.get(call.metadata.tenantId, request.macroId);
    const fields = macro && request.text === undefined ? await this.orderFields(call, macro.body, request.fields ?? {}) : (request.fields ?? {});
    return call.done(this.actions.actAll(call.ticketId, (ticket, m) => replyPlan({ ...request, fields, macro }, ticket, m), call.metadata, call.expectedRevision));
  }

  /** The shop's fields of the ticket's order under the caller's, asked only when the template needs an order field the caller did not give. */
  private async orderFields(call: TicketCall, template: string, given: Record<string, string>): Promise<Record<string, string>> {
    const needed = placeholdersOf(template).filter((p) => p.startsWith('order.') && !(p.slice('order.'.length) in given));
    if (!this.orders || needed.length === 0) return given;
    const { ticket } = await this.actions.load(call.ticketId, call.metadata.tenantId);
    if (ticket.orderNumber === null) return given;
    const order = await this.orders.find(call.metadata.tenantId, ticket.orderNumber);
    return { ...(order ?? {}), ...given };
  }

  note(call: TicketCall, request: NoteRequest): Promise<ActionResult> {
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({ type: 'AddInternalNote', ticketId: call.ticketId, metadata: m, data: { noteId: uuidv7(), authorId: m.actor.id, text: request.text, mentions: mentionsIn(request.text) } }),
      call.metadata,
      call.expectedRevision,
    ));
  }

  requestInfo(call: TicketCall, request: InfoRequest): Promise<ActionResult> {
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({
        type: 'RequestCustomerInfo',
        ticketId: call.ticketId,
        metadata: m,
        data: { messageId: uuidv7(), agentId: m.actor.id, text: request.text, requestedFields: request.requestedFields ?? [] },
      }),
      call.metadata,
      call.expectedRevision,
    ));
  }

  progress(call: TicketCall, request: ProgressUpdateRequest): Promise<ActionResult> {
    const expectedResolutionAt = request.expectedResolutionAt ? new Date(request.expectedResolutionAt).toISOString() : null;
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({ type: 'SendProgressUpdate', ticketId: call.ticketId, metadata: m, data: { messageId: uuidv7(), text: request.text, automated: false, expectedResolutionAt } }),
      call.metadata,
      call.expectedRevision,
    ));
  }

  tags(call: TicketCall, request: TagsRequest): Promise<ActionResult> {
    return call.done(this.actions.act(
      call.ticketId,
      (m) => ({ type: 'ChangeTags', ticketId: call.ticketId, metadata: m, data: { add: request.add ?? [], remove: request.remove ?? [] } }),
      call.metadata,
      call.expectedRevision,
    ));
  }
}
