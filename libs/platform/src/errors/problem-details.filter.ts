import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { throwError, type Observable } from 'rxjs';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@ticketing/eventstore';
import { TicketDomainError } from '@ticketing/ticket';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem';
import { InputValidationError } from './validation';

/** Domain errors (from deciders) carry a machine-readable code; they map to 409/404/422. */
interface CodedError extends Error {
  code: string;
}

function isCodedDomainError(error: unknown): error is CodedError {
  return error instanceof TicketDomainError || (error instanceof Error && /DomainError$/.test(error.name) && typeof (error as CodedError).code === 'string');
}

/** A ticket of another tenant is reported as absent, so its existence does not leak. */
function statusOfDomainCode(code: string): number {
  if (/not_found$|^tenant_mismatch$/.test(code)) return 404;
  if (code === 'permission_denied') return 403;
  if (code === 'invalid_command') return 422;
  return 409;
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof InputValidationError) {
    return problem(400, 'validation', 'Invalid input', { detail: error.message, errors: error.problems });
  }
  if (error instanceof WrongExpectedRevisionError) {
    return problem(409, 'revision-conflict', 'The resource was changed by someone else', {
      detail: error.message,
      currentRevision: error.actual,
    });
  }
  if (error instanceof EventStoreUnavailableError) {
    return problem(503, 'store-unavailable', 'Event store unavailable', { detail: error.message });
  }
  if (isCodedDomainError(error)) {
    const status = statusOfDomainCode(error.code);
    const detail = status === 404 ? 'Not found' : error.message;
    return problem(status, error.code === 'tenant_mismatch' ? 'not-found' : error.code.replace(/_/g, '-'), 'Command rejected', {
      detail,
      code: error.code === 'tenant_mismatch' ? 'not_found' : error.code,
    });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const extra = typeof body === 'object' && body !== null && 'problem' in body ? (body as { problem: object }).problem : {};
    // Terminus answers an unready check with its per-dependency results: keep them in the problem.
    if (typeof body === 'object' && body !== null && 'details' in body && 'info' in body) {
      return problem(status, 'not-ready', 'Not ready', { detail: 'a dependency is down', checks: (body as { details: unknown }).details });
    }
    return problem(status, slugFor(status), HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', {
      detail: Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : undefined,
      ...extra,
    });
  }
  if (isClientHttpError(error)) {
    // body-parser's refusals (entity.too.large, entity.parse.failed, …) happen before any handler runs.
    const status = error.status;
    const field = error.type === 'entity.too.large' || error.type === 'entity.parse.failed' ? 'body' : undefined;
    return problem(status, slugFor(status), HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', {
      detail: error.message,
      ...(field ? { errors: [{ field, message: error.message }] } : {}),
    });
  }
  return problem(500, 'internal', 'Internal error', { detail: 'An unexpected error occurred; it has been logged.' });
}

/** An http-errors style error (body-parser, raw-body) that marks itself safe to show: a 4xx. */
function isClientHttpError(error: unknown): error is Error & { status: number; type?: string } {
  const candidate = error as { status?: unknown; expose?: unknown } | null;
  return (
    error instanceof Error &&
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

function slugFor(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

const GRPC_BY_HTTP: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ABORTED,
  412: GrpcStatus.FAILED_PRECONDITION,
  422: GrpcStatus.FAILED_PRECONDITION,
  503: GrpcStatus.UNAVAILABLE,
};

/** Turns every error into RFC 9457 problem+json over HTTP, and a matching status over gRPC. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') {
      if (error instanceof RpcException) return throwError(() => error.getError());
      const details = toProblem(error);
      if (details.status >= 500) this.logger.error(error);
      return throwError(() => ({
        code: GRPC_BY_HTTP[details.status] ?? GrpcStatus.INTERNAL,
        message: details.detail ?? details.title,
      }));
    }
    const http = host.switchToHttp();
    const response = http.getResponse();
    const request = http.getRequest();
    const details = { ...toProblem(error), instance: request.originalUrl ?? request.url };
    if (details.status >= 500) this.logger.error(error);
    response.status(details.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(details));
  }
}
