import { EventStoreUnavailableError } from '../event-store.port';

/** Socket-level codes and SQLSTATE classes that mean "the database is not reachable (right now)",
 * as opposed to a query the database rejected. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
// 08 = connection exception, 57P01-57P03 = admin/crash shutdown, cannot connect now; 53300 = too many connections.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300)$/;

// Duck-typed, not instanceof: errors raised by Node's own modules come from another realm under jest.
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  if (Array.isArray(errors) && errors.some(isConnectionError)) return true; // AggregateError (happy eyeballs)
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** Rethrows connection failures as EventStoreUnavailableError; everything else unchanged. */
export function toStoreError(error: unknown, target: string): unknown {
  if (!isConnectionError(error)) return error;
  const { message, code } = error as { message?: string; code?: string };
  const reason = message || code || String(error);
  return new EventStoreUnavailableError(`Event store database unavailable (${target}): ${reason}`, error);
}
