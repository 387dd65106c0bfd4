import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../config/config';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'ticketing:public';
export const REQUIRED_ROLES = 'ticketing:roles';

/** Health, metrics and API docs are reachable without credentials. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Roles allowed to call a route or RPC; admin is always allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  if (context.getType() === 'rpc') return context.switchToRpc().getContext().principal as Principal;
  return context.switchToHttp().getRequest().principal as Principal;
});
