import { calendarErrors, compileCalendar, InvalidCalendarError, type BusinessCalendar } from './calendar';
import { chooseSlaPolicy, explainPolicyChoice, type SlaPolicy } from './sla-policy';
import { addClockTime, clockTimeBetween } from './working-time';

const weekdays9to17 = [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, start: '09:00', end: '17:00' }));
const berlin: BusinessCalendar = { calendarId: 'berlin', timeZone: 'Europe/Berlin', weeklyHours: weekdays9to17, holidays: ['2026-12-25'] };
const basis = { kind: 'business_hours' as const, calendar: berlin };

describe('business calendars', () => {
  it('refuses empty calendars, overlapping hours, unknown zones and bad dates, naming each field', () => {
    expect(calendarErrors({ calendarId: 'x', timeZone: 'Mars/Olympus', weeklyHours: [], holidays: ['2026-02-30'] })).toEqual([
      'calendar.timeZone: "Mars/Olympus" is not an IANA time zone',
      'calendar.weeklyHours: a calendar needs opening hours on at least one day',
      'calendar.holidays[0]: "2026-02-30" is not a YYYY-MM-DD date',
    ]);
    const overlapping = { ...berlin, weeklyHours: [{ day: 1 as const, start: '09:00', end: '13:00' }, { day: 1 as const, start: '12:00', end: '18:00' }] };
    expect(calendarErrors(overlapping)).toEqual(['calendar.weeklyHours[1]: overlaps weeklyHours[0]']);
    expect(calendarErrors({ ...berlin, weeklyHours: [{ day: 8 as never, start: '17:00', end: '09:00' }] })).toEqual([
      'calendar.weeklyHours[0].day: must be 1 (Monday) to 7 (Sunday)',
      'calendar.weeklyHours[0]: end 09:00 must be after start 17:00',
    ]);
    expect(() => compileCalendar(overlapping)).toThrow(InvalidCalendarError);
  });

  it('counts only opening hours: Friday 16:00 + 2h is Monday 10:00, skipping the weekend', () => {
    const friday4pm = Date.parse('2026-03-06T16:00:00+01:00');
    expect(new Date(addClockTime(friday4pm, 2 * 3_600_000, basis)).toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it('skips holidays and knows the day after the DST change is in summer time', () => {
    const christmasEve4pm = Date.parse('2026-12-24T16:00:00+01:00');
    expect(new Date(addClockTime(christmasEve4pm, 2 * 3_600_000, basis)).toISOString()).toBe('2026-12-28T09:00:00.000Z');
    const friday = Date.parse('2026-03-27T16:30:00+01:00');
    // Monday 30 March opens at 09:00 CEST = 07:00Z.
    expect(new Date(addClockTime(friday, 3_600_000, basis)).toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('a round-the-clock day is 23 hours on spring-forward Sunday and 25 on fall-back Sunday', () => {
    const allDaySunday = { kind: 'business_hours' as const, calendar: { ...berlin, weeklyHours: [{ day: 7 as const, start: '00:00', end: '24:00' }] } };
    expect(clockTimeBetween(Date.parse('2026-03-28T12:00Z'), Date.parse('2026-03-30T12:00Z'), allDaySunday)).toBe(23 * 3_600_000);
    expect(clockTimeBetween(Date.parse('2026-10-24T12:00Z'), Date.parse('2026-10-26T12:00Z'), allDaySunday)).toBe(25 * 3_600_000);
  });
});

describe('chooseSlaPolicy', () => {
  const policy = (policyId: string, conditions: SlaPolicy['conditions']): SlaPolicy => ({
    policyId, conditions, targets: { firstResponseMinutes: 60 }, basis: 'calendar_hours', warnAtShare: 0.75,
  });
  const policies = [policy('default', {}), policy('instant', { channelClass: ['instant'] }), policy('vip-instant', { channelClass: ['instant'], customerTier: ['vip'] })];
  const facts = { channelClass: 'instant', priority: null, customerTier: 'vip', category: null };

  it('takes the most specific policy whose conditions all hold, first listed among equals', () => {
    expect(chooseSlaPolicy(policies, facts)?.policyId).toBe('vip-instant');
    expect(chooseSlaPolicy(policies, { ...facts, customerTier: 'regular' })?.policyId).toBe('instant');
    expect(chooseSlaPolicy(policies, { ...facts, channelClass: 'async' })?.policyId).toBe('default');
    expect(chooseSlaPolicy([policy('a', { priority: ['urgent'] })], facts)).toBeUndefined();
    expect(explainPolicyChoice(policies[2], facts)).toBe('vip-instant: channelClass=instant, customerTier=vip');
  });
});
