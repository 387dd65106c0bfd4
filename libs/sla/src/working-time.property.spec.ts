import fc from 'fast-check';
import { DateTime } from 'luxon';
import { MINUTE_MS, type BusinessCalendar, type ClockBasis, type IsoWeekday, type WeeklyHours } from './calendar';
import { consumed, deadline, type Pause } from './sla-clock';
import { addClockTime, clockTimeBetween } from './working-time';
import { referenceDue, referenceElapsed } from './testing/minute-reference';

/* The fast arithmetic against the minute-by-minute reference, on calendars and instants chosen to
 * hit DST changes (EU, US, Lord Howe's half-hour shift, and zones without DST), holidays, and
 * pauses that span nights and weekends. */

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC', 'America/Sao_Paulo'];
/** DST changes of 2026 in those zones; starts are drawn within a few days of one. */
const TRANSITIONS = ['2026-03-08T07:00Z', '2026-03-29T01:00Z', '2026-04-04T15:00Z', '2026-10-03T15:30Z', '2026-10-25T01:00Z', '2026-11-01T06:00Z'].map(Date.parse);

const hhmm = (minute: number): string => (minute === 1440 ? '24:00' : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

/** Up to two non-overlapping intervals a day on half-hour marks (00:00, 02:00, 02:30 … 24:00). */
const dayHours = (day: IsoWeekday): fc.Arbitrary<WeeklyHours[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 4 })
    .map((marks) => {
      const sorted = [...marks].sort((a, b) => a - b);
      const hours: WeeklyHours[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) hours.push({ day, start: hhmm(sorted[i] * 30), end: hhmm(sorted[i + 1] * 30) });
      return hours;
    });

const openMinutes = (c: BusinessCalendar): number =>
  c.weeklyHours.reduce((sum, h) => sum + (Number(h.end.slice(0, 2)) * 60 + Number(h.end.slice(3)) - Number(h.start.slice(0, 2)) * 60 - Number(h.start.slice(3))), 0);

const startInstant = fc
  .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 1440, max: 3 * 1440 }))
  .map(([transition, minutes]) => Math.floor(transition / MINUTE_MS) * MINUTE_MS + minutes * MINUTE_MS);

const calendarNear = (start: number): fc.Arbitrary<BusinessCalendar> =>
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      days: fc.tuple(...([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map(dayHours)),
      holidayOffsets: fc.uniqueArray(fc.integer({ min: -1, max: 8 }), { maxLength: 3 }),
    })
    .map(({ timeZone, days, holidayOffsets }) => ({
      calendarId: 'cal',
      timeZone,
      weeklyHours: days.flat(),
      holidays: holidayOffsets.map((d) => DateTime.fromMillis(start, { zone: timeZone }).plus({ days: d }).toISODate() as string),
    }))
    // At least 8 open hours a week keeps the reference's minute walk short.
    .filter((c) => openMinutes(c) >= 8 * 60);

const scenario = startInstant.chain((start) => fc.record({ start: fc.constant(start), calendar: calendarNear(start) }));

/** Sorted, disjoint pauses after `start`, each up to three days, gaps up to two days. */
const pausesAfter = (start: number, closeLast: boolean): fc.Arbitrary<Pause[]> =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 2 * 1440 }), fc.integer({ min: 1, max: 3 * 1440 })), { maxLength: 3 }).map((parts) => {
    let t = start;
    const pauses = parts.map(([gap, length]) => {
      const from = t + gap * MINUTE_MS;
      t = from + length * MINUTE_MS;
      return { from, to: t } as Pause;
    });
    if (!closeLast && pauses.length > 0) pauses[pauses.length - 1] = { ...pauses[pauses.length - 1], to: null };
    return pauses;
  });

const business = (calendar: BusinessCalendar): ClockBasis => ({ kind: 'business_hours', calendar });

describe('business-time arithmetic against the minute-by-minute reference', () => {
  it('addClockTime lands where counting working minutes one by one lands', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 600 }), ({ start, calendar }, minutes) => {
        expect(addClockTime(start, minutes * MINUTE_MS, business(calendar))).toBe(referenceDue(calendar, start, minutes));
      }),
      { numRuns: 150 },
    );
  });

  it('clockTimeBetween counts the working minutes of any span', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 3 * 1440 }), ({ start, calendar }, minutes) => {
        const end = start + minutes * MINUTE_MS;
        expect(clockTimeBetween(start, end, business(calendar))).toBe(referenceElapsed(calendar, start, end) * MINUTE_MS);
      }),
      { numRuns: 100 },
    );
  });

  it('a deadline with pauses across nights and weekends is where the reference, skipping paused minutes, gets', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ s: fc.constant(s), pauses: pausesAfter(s.start, true) })),
        fc.integer({ min: 1, max: 150 }).map((quarter) => quarter * 4),
        fc.constantFrom(1, 0.75, 0.5),
        ({ s, pauses }, minutes, share) => {
          const spec = { startedAt: s.start, targetMs: minutes * MINUTE_MS, basis: business(s.calendar) };
          const expected = referenceDue(s.calendar, s.start, minutes * share, pauses);
          expect(deadline(spec, pauses, share)).toEqual({ state: 'running', dueAt: expected });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('consumed time and remaining time while paused agree with the reference', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ s: fc.constant(s), pauses: pausesAfter(s.start, false) })),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 4 * 1440 }),
        ({ s, pauses }, minutes, nowAfter) => {
          const spec = { startedAt: s.start, targetMs: minutes * MINUTE_MS, basis: business(s.calendar) };
          const now = s.start + nowAfter * MINUTE_MS;
          expect(consumed(spec, pauses, now)).toBe(referenceElapsed(s.calendar, s.start, now, pauses) * MINUTE_MS);
          const result = deadline(spec, pauses);
          const open = pauses.find((p) => p.to === null);
          if (result.state === 'paused' && open) {
            const before = referenceElapsed(s.calendar, s.start, open.from, pauses) * MINUTE_MS;
            expect(result.remainingMs).toBe(minutes * MINUTE_MS - before);
          } else {
            expect(result).toEqual({ state: 'running', dueAt: referenceDue(s.calendar, s.start, minutes, pauses) });
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('calendar-hours clocks move by exactly the paused time', () => {
    fc.assert(
      fc.property(startInstant.chain((start) => fc.record({ start: fc.constant(start), pauses: pausesAfter(start, true) })), fc.integer({ min: 1, max: 5000 }), ({ start, pauses }, minutes) => {
        const spec = { startedAt: start, targetMs: minutes * MINUTE_MS, basis: { kind: 'calendar_hours' } as const };
        expect(deadline(spec, pauses)).toEqual({ state: 'running', dueAt: referenceDue(null, start, minutes, pauses) });
      }),
    );
  });

  it('adding the time between two instants from the first lands at or before the second, never after', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5 * 1440 }), ({ start, calendar }, minutes) => {
        const end = start + minutes * MINUTE_MS;
        const between = clockTimeBetween(start, end, business(calendar));
        if (between > 0) expect(addClockTime(start, between, business(calendar))).toBeLessThanOrEqual(end);
        expect(clockTimeBetween(start, addClockTime(start, between, business(calendar)), business(calendar))).toBe(between);
      }),
    );
  });
});
