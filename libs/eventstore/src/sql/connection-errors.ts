import { EventStoreUnavailableError } from '../event-store.port';

/** Socket-level codes and SQLSTATE classes that mean "the database is not reachable (right now)",
 * as opposed to a query the database rejected. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
// 08 = connection exception, 57P01-57P03 = admin/crash shutdown, cannot connect now; 53300 = too many connections.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300)$/;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}

/** Rethrows connection failures as EventStoreUnavailableError; everything else unchanged. */
export function toStoreError(error: unknown, target: string): unknown {
  if (!isConnectionError(error)) return error;
  const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
  return new EventStoreUnavailableError(`Event store database unavailable (${target}): ${reason}`, error);
}
