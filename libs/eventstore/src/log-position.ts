import type { LogPosition } from '@ticketing/contracts';

/** Log order is (commit, prepare), lexicographically. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  return a.commit !== b.commit ? a.commit - b.commit : a.prepare - b.prepare;
}

/** Before every event of any store's log. */
export const LOG_START: LogPosition = { commit: 0, prepare: 0 };
