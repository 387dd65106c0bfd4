import { compileCalendar, DAY_MS, isoWeekdayOf, MINUTE_MS, type ClockBasis, type CompiledCalendar } from './calendar';

/*
 * Business-time arithmetic. The timeline is cut into runs over which the zone's UTC offset is
 * constant; inside a run local wall time is just `instant + offset`, so opening hours become plain
 * intervals of local milliseconds. Runs end at DST transitions, which makes spring-forward days an
 * hour shorter and fall-back days an hour longer (the repeated hour counts twice when open), exactly
 * like the minute-by-minute definition the property tests check against.
 */

/** No run is looked at further ahead than this; a transition is found by bisection inside it. */
const PROBE_MS = DAY_MS;
/** A clock that cannot come due within ten years is a configuration error, not a long wait. */
const GIVE_UP_MS = 3_653 * DAY_MS;

const offsetMs = (cal: CompiledCalendar, instant: number): number => cal.zone.offset(instant) * MINUTE_MS;

/** End of the constant-offset run containing `from`, looking at most PROBE_MS ahead. Zone
 * transitions fall on whole minutes, so the bisection works in minutes. */
function runEnd(cal: CompiledCalendar, from: number): number {
  const offset = offsetMs(cal, from);
  const probe = from + PROBE_MS;
  if (offsetMs(cal, probe) === offset) return probe;
  let lo = Math.floor(from / MINUTE_MS);
  let hi = Math.ceil(probe / MINUTE_MS);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(cal, mid * MINUTE_MS) === offset) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE_MS;
}

/**
 * Walks the open intervals of [from, until) in order, handing each (as instants) to `visit`; stops
 * early when `visit` returns a number, which is then returned.
 */
function walkOpenIntervals(cal: CompiledCalendar, from: number, until: number, visit: (a: number, b: number) => number | undefined): number | undefined {
  let t = from;
  while (t < until) {
    const end = Math.min(runEnd(cal, t), until);
    const offset = offsetMs(cal, t);
    const localEnd = end + offset;
    let local = t + offset;
    while (local < localEnd) {
      const day = Math.floor(local / DAY_MS);
      const dayStart = day * DAY_MS;
      if (!cal.holidays.has(day)) {
        for (const [s, e] of cal.week[isoWeekdayOf(day)]) {
          const a = Math.max(local, dayStart + s * MINUTE_MS);
          const b = Math.min(localEnd, dayStart + e * MINUTE_MS);
          if (b <= a) continue;
          const stop = visit(a - offset, b - offset);
          if (stop !== undefined) return stop;
        }
      }
      local = dayStart + DAY_MS;
    }
    t = end;
  }
  return undefined;
}

/** The first instant at which `durationMs` of clock time has passed since `start` (start itself for 0). */
export function addClockTime(start: number, durationMs: number, basis: ClockBasis): number {
  if (durationMs <= 0) return start;
  if (basis.kind === 'calendar_hours') return start + durationMs;
  const cal = compileCalendar(basis.calendar);
  let remaining = durationMs;
  const due = walkOpenIntervals(cal, start, start + GIVE_UP_MS, (a, b) => {
    if (b - a >= remaining) return a + remaining;
    remaining -= b - a;
    return undefined;
  });
  if (due === undefined) throw new Error(`calendar ${cal.calendarId} has no working time within ten years of ${new Date(start).toISOString()}`);
  return due;
}

/** Clock time that passes in [from, to): 0 when `to` is not after `from`. */
export function clockTimeBetween(from: number, to: number, basis: ClockBasis): number {
  if (to <= from) return 0;
  if (basis.kind === 'calendar_hours') return to - from;
  let total = 0;
  walkOpenIntervals(compileCalendar(basis.calendar), from, to, (a, b) => {
    total += b - a;
    return undefined;
  });
  return total;
}

/** Whether the clock counts at `instant` (the team is at work). */
export function isCounting(instant: number, basis: ClockBasis): boolean {
  return clockTimeBetween(instant, instant + 1, basis) > 0;
}
