import type { ClockBasis } from './calendar';
import { addClockTime, clockTimeBetween } from './working-time';

/** A stretch during which the clock did not count (waiting on the customer or a third party). */
export interface Pause {
  from: number;
  /** null while the clock is still paused. */
  to: number | null;
}

export interface ClockSpec {
  startedAt: number;
  /** The target in clock time (business or calendar milliseconds). */
  targetMs: number;
  basis: ClockBasis;
}

export type Deadline = { state: 'running'; dueAt: number } | { state: 'paused'; remainingMs: number };

/**
 * When the clock reaches `shareOfTarget` of its target (1 = the breach, 0.75 = a 75% warning),
 * given its pauses so far (sorted, non-overlapping, none before the start). While paused there is
 * no deadline, only the clock time left — resuming on a Friday evening and on a Monday morning
 * give different instants, and only the business calendar knows which.
 */
export function deadline(spec: ClockSpec, pauses: readonly Pause[], shareOfTarget = 1): Deadline {
  let remaining = Math.round(spec.targetMs * shareOfTarget);
  let activeFrom = spec.startedAt;
  for (const pause of pauses) {
    const counted = clockTimeBetween(activeFrom, pause.from, spec.basis);
    if (counted >= remaining) return { state: 'running', dueAt: addClockTime(activeFrom, remaining, spec.basis) };
    remaining -= counted;
    if (pause.to === null) return { state: 'paused', remainingMs: remaining };
    activeFrom = Math.max(activeFrom, pause.to);
  }
  return { state: 'running', dueAt: addClockTime(activeFrom, remaining, spec.basis) };
}

/** Clock time consumed by `now` (pauses excluded), never more than the time that passed. */
export function consumed(spec: ClockSpec, pauses: readonly Pause[], now: number): number {
  let total = 0;
  let activeFrom = spec.startedAt;
  for (const pause of pauses) {
    if (pause.from >= now) break;
    total += clockTimeBetween(activeFrom, pause.from, spec.basis);
    if (pause.to === null || pause.to >= now) return total;
    activeFrom = Math.max(activeFrom, pause.to);
  }
  return total + clockTimeBetween(activeFrom, now, spec.basis);
}
