import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import type { CommandMetadata } from '@ticketing/contracts';
import { InputValidationError, metadataFor, parseIfMatch, type Principal } from '@ticketing/platform';
import { isUUID } from 'class-validator';
import type { ActionResult } from './ticket-actions.service';

/** gRPC: expected_revision -1 or absent = no optimistic check. */
export const revisionOf = (message: { expectedRevision?: number }) =>
  message.expectedRevision !== undefined && message.expectedRevision >= 0 ? message.expectedRevision : undefined;

/**
 * Everything an action on one ticket needs from the call, the same over REST and gRPC: which
 * ticket, who acts (metadata and principal), the revision it is based on (If-Match /
 * expected_revision), and `done`, which answers with the new revision (REST: as ETag).
 */
export interface TicketCall {
  ticketId: string;
  metadata: CommandMetadata;
  principal: Principal;
  expectedRevision: number | undefined;
  /** Awaits the action; over REST also sets its revision as ETag for the client's next If-Match. */
  done<T extends ActionResult>(result: Promise<T>): Promise<T>;
}

function uuidParam(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isUUID(value)) throw new InputValidationError([{ field, message: 'must be a UUID' }]);
  return value;
}

/** Reads the ticket call from an HTTP request (`:ticketId`, If-Match) or a gRPC message (ticket_id, expected_revision). */
export function ticketCallOf(context: ExecutionContext): TicketCall {
  if (context.getType() === 'rpc') {
    const rpc = context.switchToRpc();
    const call = rpc.getContext() as { principal: Principal; get?: (key: string) => unknown[] };
    const message = rpc.getData() as { ticketId?: unknown; expectedRevision?: number };
    const correlation = call.get?.('x-correlation-id')?.[0];
    return {
      ticketId: uuidParam(message.ticketId, 'ticketId'),
      metadata: metadataFor(call.principal, typeof correlation === 'string' ? correlation : undefined),
      principal: call.principal,
      expectedRevision: revisionOf(message),
      done: (result) => result,
    };
  }
  const http = context.switchToHttp();
  const request = http.getRequest<{ params: Record<string, string>; headers: Record<string, string | undefined>; principal: Principal; id?: string }>();
  const response = http.getResponse<{ setHeader(name: string, value: string): void }>();
  return {
    ticketId: uuidParam(request.params.ticketId, 'ticketId'),
    metadata: metadataFor(request.principal, request.id),
    principal: request.principal,
    expectedRevision: parseIfMatch(request.headers['if-match']),
    done: async (result) => {
      const finished = await result;
      response.setHeader('ETag', `"${finished.revision}"`);
      return finished;
    },
  };
}

/** Parameter decorator: `@OnTicket() call: TicketCall` replaces the ticketId/CommandContext/If-Match/Res block. */
export const OnTicket = createParamDecorator((_: unknown, context: ExecutionContext): TicketCall => ticketCallOf(context));

/** OpenAPI for controllers under `tickets/:ticketId`: the path parameter and If-Match. */
export const TicketActionsApi = () =>
  applyDecorators(
    ApiParam({ name: 'ticketId', format: 'uuid' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'Revision (ETag) the action is based on; 409 if the ticket changed since' }),
  );

/** A UUID path parameter besides the ticket (collaborationId, compensationId), as a 400 naming it when malformed. */
export const UuidParam = createParamDecorator((name: string, context: ExecutionContext): string => {
  if (context.getType() === 'rpc') return uuidParam((context.switchToRpc().getData() as Record<string, unknown>)[name], name);
  return uuidParam(context.switchToHttp().getRequest<{ params: Record<string, string> }>().params[name], name);
});
