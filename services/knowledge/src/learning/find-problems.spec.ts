import { generateTickets, type GeneratedTicket } from '../testing/generated-tickets';
import { findProblems, isRising, type TicketSample } from './find-problems';

const T0 = Date.parse('2026-11-09T00:00:00Z');
const WEEK = 7 * 24 * 3600 * 1000;
const sample = (t: GeneratedTicket): TicketSample => ({ ...t, at: t.resolvedAt, replies: [t.reply] });

describe('findProblems (resolved tickets grouped by similarity within a category)', () => {
  const current = generateTickets({ 'gift-card-balance': 9, 'parcel-locker-code': 4, 'invoice-tax-id': 6, 'two-factor-lockout': 1 }, T0 + WEEK, 'now').map(sample);
  const previous = generateTickets({ 'gift-card-balance': 2, 'parcel-locker-code': 4 }, T0, 'before').map(sample);

  it('given generated tickets of known problems, when grouped, then each problem is one group, largest first', () => {
    const problems = findProblems(current, previous);
    expect(problems.map((p) => [p.category, p.count])).toEqual([
      ['payment', 9],
      ['order_change', 6],
      ['logistics', 4],
    ]);
    for (const p of problems) expect(new Set(p.tickets.map((t) => (t.ticketId.split('-').slice(1, -1).join('-'))))).toEqual(new Set([p.tickets[0].ticketId.split('-').slice(1, -1).join('-')]));
    // Chinese tickets group by their character bigrams.
    expect(problems[1].terms.some((t) => t.includes('发票') || t.includes('税号'))).toBe(true);
    // The leader (oldest ticket) is first, so the group has a stable name across runs.
    expect(problems[0].tickets[0].ticketId).toBe('now-gift-card-balance-0');
  });

  it('compares with the previous period: more than half again and +2 is rising, flat is not', () => {
    const [gift, , locker] = findProblems(current, previous);
    expect(gift).toMatchObject({ previousCount: 2, rising: true });
    expect(locker).toMatchObject({ previousCount: 4, rising: false });
  });

  it('never groups across categories, and singletons are not problems', () => {
    const mixed = [...current, { ...current[0], ticketId: 'odd', category: 'refund' }];
    const problems = findProblems(mixed, []);
    expect(problems.find((p) => p.tickets.some((t) => t.ticketId === 'odd'))).toBeUndefined();
    expect(problems.every((p) => p.tickets.every((t) => t.category === p.category))).toBe(true);
    expect(findProblems(mixed, [], { minCount: 1 }).find((p) => p.category === 'refund')?.count).toBe(1);
  });

  it('rising needs a real increase', () => {
    expect([isRising(5, 0, 2), isRising(3, 2, 2), isRising(6, 4, 2), isRising(1, 0, 2)]).toEqual([true, false, true, false]);
  });
});
