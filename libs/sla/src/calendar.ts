import { IANAZone } from 'luxon';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening hours on one weekday, local wall time `HH:mm`, end exclusive (`24:00` = midnight). */
export interface WeeklyHours {
  day: IsoWeekday;
  start: string;
  end: string;
}

/**
 * When a tenant's team works: a time zone, weekly opening hours and holidays (local dates,
 * `YYYY-MM-DD`, closed all day). An instant counts as working when its local wall time in the zone
 * falls inside that local day's hours and the day is not a holiday — so DST changes shorten or
 * lengthen a working day exactly as the clock on the office wall does.
 */
export interface BusinessCalendar {
  calendarId: string;
  timeZone: string;
  weeklyHours: WeeklyHours[];
  holidays: string[];
}

/** What an SLA clock counts: every minute, or only the minutes of a business calendar. */
export type ClockBasis = { kind: 'calendar_hours' } | { kind: 'business_hours'; calendar: BusinessCalendar };

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A calendar turned into arrays the arithmetic can walk without parsing strings. */
export interface CompiledCalendar {
  calendarId: string;
  zone: IANAZone;
  /** Index 1..7 (ISO weekday) → sorted, non-overlapping [startMinute, endMinute) pairs. */
  week: Array<Array<[number, number]>>;
  /** Local day numbers (days since 1970-01-01 in local wall time) that are closed. */
  holidays: Set<number>;
}

const HHMM = /^(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minuteOfDay(value: string): number | null {
  const m = HHMM.exec(value);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** Days since the epoch of a local calendar date (no zone involved: a date is a date). */
export function localDayNumber(isoDate: string): number | null {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null;
  return ms / DAY_MS;
}

/** ISO weekday of a local day number (1970-01-01 was a Thursday). */
export function isoWeekdayOf(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

/**
 * Every problem with a calendar, each naming its field, or [] when it is usable. An empty calendar
 * (no opening hours at all) is refused: a business-hours clock on it would never come due.
 */
export function calendarErrors(calendar: BusinessCalendar, path = 'calendar'): string[] {
  const errors: string[] = [];
  if (!calendar.timeZone || !IANAZone.isValidZone(calendar.timeZone)) {
    errors.push(`${path}.timeZone: ${JSON.stringify(calendar.timeZone)} is not an IANA time zone`);
  }
  if (!Array.isArray(calendar.weeklyHours) || calendar.weeklyHours.length === 0) {
    errors.push(`${path}.weeklyHours: a calendar needs opening hours on at least one day`);
  }
  const byDay = new Map<number, Array<[number, number, number]>>();
  (calendar.weeklyHours ?? []).forEach((hours, i) => {
    const at = `${path}.weeklyHours[${i}]`;
    const start = minuteOfDay(hours.start);
    const end = minuteOfDay(hours.end);
    if (!Number.isInteger(hours.day) || hours.day < 1 || hours.day > 7) errors.push(`${at}.day: must be 1 (Monday) to 7 (Sunday)`);
    if (start === null || start >= 24 * 60) errors.push(`${at}.start: must be HH:mm before 24:00`);
    if (end === null) errors.push(`${at}.end: must be HH:mm up to 24:00`);
    if (start !== null && end !== null && end <= start) errors.push(`${at}: end ${hours.end} must be after start ${hours.start}`);
    if (start !== null && end !== null && end > start) byDay.set(hours.day, [...(byDay.get(hours.day) ?? []), [start, end, i]]);
  });
  for (const intervals of byDay.values()) {
    intervals.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < intervals.length; k++) {
      if (intervals[k][0] < intervals[k - 1][1]) {
        errors.push(`${path}.weeklyHours[${intervals[k][2]}]: overlaps weeklyHours[${intervals[k - 1][2]}]`);
      }
    }
  }
  (calendar.holidays ?? []).forEach((date, i) => {
    if (localDayNumber(date) === null) errors.push(`${path}.holidays[${i}]: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  });
  return errors;
}

export class InvalidCalendarError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid business calendar: ${errors.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Validates once and caches per calendar object; throws InvalidCalendarError on a bad calendar. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const errors = calendarErrors(calendar);
  if (errors.length > 0) throw new InvalidCalendarError(errors);
  const week: Array<Array<[number, number]>> = Array.from({ length: 8 }, () => []);
  for (const hours of calendar.weeklyHours) week[hours.day].push([minuteOfDay(hours.start) as number, minuteOfDay(hours.end) as number]);
  for (const day of week) day.sort((a, b) => a[0] - b[0]);
  const result: CompiledCalendar = {
    calendarId: calendar.calendarId,
    zone: IANAZone.create(calendar.timeZone),
    week,
    holidays: new Set(calendar.holidays.map((d) => localDayNumber(d) as number)),
  };
  compiled.set(calendar, result);
  return result;
}
