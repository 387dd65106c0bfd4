import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException } from '@nestjs/microservices';
import { ROLE_INCLUDES } from '@ticketing/contracts';
import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import type { Role } from '../config/config';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { AuthenticationError, Authenticator } from './authenticator';
import type { Principal } from './principal';

/**
 * Global guard for HTTP and gRPC: every call is authenticated (unless @Public) and its role
 * checked against @Roles. The resolved Principal is attached to the request / call context.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);

    if (context.getType() === 'rpc') {
      const metadata = context.switchToRpc().getContext() as Metadata & { principal?: Principal };
      const principal = this.resolve(
        { apiKey: first(metadata.get('x-api-key')), authorization: first(metadata.get('authorization')) },
        (message) => new RpcException({ code: GrpcStatus.UNAUTHENTICATED, message }),
      );
      if (!allowed(principal, roles)) {
        throw new RpcException({ code: GrpcStatus.PERMISSION_DENIED, message: `role ${principal.role} may not call this` });
      }
      metadata.principal = principal;
      return true;
    }

    const request = context.switchToHttp().getRequest();
    const principal = this.resolve(
      { apiKey: request.headers['x-api-key'], authorization: request.headers['authorization'] },
      (message) => new UnauthorizedException(message),
    );
    if (!allowed(principal, roles)) throw new ForbiddenException(`role ${principal.role} may not call this endpoint`);
    request.principal = principal;
    return true;
  }

  private resolve(credentials: { apiKey?: string; authorization?: string }, fail: (message: string) => Error): Principal {
    try {
      return this.authenticator.authenticate(credentials);
    } catch (error) {
      if (error instanceof AuthenticationError) throw fail(error.message);
      throw error;
    }
  }
}

function allowed(principal: Principal, roles: Role[] | undefined): boolean {
  if (!roles || principal.role === 'admin' || roles.includes(principal.role)) return true;
  return (ROLE_INCLUDES[principal.role] ?? []).some((included) => roles.includes(included));
}

function first(values: unknown[]): string | undefined {
  const value = values[0];
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString() : undefined;
}
