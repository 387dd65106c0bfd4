import type { BusinessCalendar } from '../calendar';
import type { Pause } from '../sla-clock';

/*
 * A deliberately simple reference for the SLA arithmetic: look at every minute on its own, ask the
 * platform's Intl for its local wall time and compare with the calendar as written (strings, no
 * compilation). Slow, obviously right, and shares no code with working-time.ts (which uses offsets).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function wallClock(timeZone: string, instant: number): { date: string; hhmm: string; weekday: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hhmm: `${p.hour}:${p.minute}`, weekday: WEEKDAYS[p.weekday] };
}

const MINUTE = 60_000;

export function referenceIsWorkingMinute(calendar: BusinessCalendar, instant: number): boolean {
  const { date, hhmm, weekday } = wallClock(calendar.timeZone, instant);
  if (calendar.holidays.includes(date)) return false;
  return calendar.weeklyHours.some((h) => h.day === weekday && h.start <= hhmm && (h.end === '24:00' || hhmm < h.end));
}

const pausedAt = (pauses: readonly Pause[], instant: number): boolean =>
  pauses.some((p) => instant >= p.from && (p.to === null || instant < p.to));

/** Minute-aligned start; counts `minutes` working, unpaused minutes and returns the end of the last. */
export function referenceDue(calendar: BusinessCalendar | null, start: number, minutes: number, pauses: readonly Pause[] = [], maxSteps = 2_000_000): number | null {
  let t = start;
  let counted = 0;
  for (let step = 0; counted < minutes; step++) {
    if (step > maxSteps) return null;
    if (!pausedAt(pauses, t) && (calendar === null || referenceIsWorkingMinute(calendar, t))) counted++;
    t += MINUTE;
  }
  return t;
}

/** Working, unpaused minutes in [from, to), both minute-aligned. */
export function referenceElapsed(calendar: BusinessCalendar | null, from: number, to: number, pauses: readonly Pause[] = []): number {
  let counted = 0;
  for (let t = from; t < to; t += MINUTE) {
    if (!pausedAt(pauses, t) && (calendar === null || referenceIsWorkingMinute(calendar, t))) counted++;
  }
  return counted;
}
