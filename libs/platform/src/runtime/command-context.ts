import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandMetadata } from '@ticketing/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { Principal } from '../auth/principal';

/**
 * Command metadata for the caller: tenant and actor from the authenticated principal (never from
 * the body, so a caller cannot act for another tenant), correlation id from the request.
 */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata => {
  if (context.getType() === 'rpc') {
    const metadata = context.switchToRpc().getContext();
    const principal = metadata.principal as Principal;
    const correlation = metadata.get?.('x-correlation-id')?.[0];
    return metadataFor(principal, typeof correlation === 'string' ? correlation : undefined);
  }
  const request = context.switchToHttp().getRequest();
  return metadataFor(request.principal as Principal, request.id);
});

export function metadataFor(principal: Principal, correlationId?: string): CommandMetadata {
  return {
    tenantId: principal.tenantId,
    actor: principal.actor,
    correlationId: correlationId ?? uuidv7(),
    causationId: null,
    now: new Date().toISOString(),
  };
}
