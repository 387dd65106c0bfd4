import fc from 'fast-check';
import {
  sampleTicketEventData,
  ticketEventRegistry,
  type NewEvent,
  type TicketEventData,
  type TicketEventType,
} from '@ticketing/contracts';
import type { TicketCommand } from '@ticketing/ticket';
import { specification } from '../testing/decider-specification';
import { receiveOnceDecider, SurveyReplyNotRecordedError } from './receive-once.decider';
import { surveyRatingIn } from './survey-reply';

describe('surveyRatingIn: a message that is only a rating', () => {
  it.each([
    ['4', 4],
    ['5', 5],
    ['1', 1],
    ['5 stars', 5],
    ['1 star.', 1],
    ['Five Stars!', 5],
    ['4 out of 5', 4],
    ['5/5', 5],
    ['５', 5],
    ['5分', 5],
    ['3 分', 3],
    ['五星', 5],
    ['⭐⭐⭐⭐', 4],
    ['⭐️⭐️', 2],
    ['非常满意', 5],
    ['满意', 4],
    ['一般', 3],
    ['不满意', 2],
    ['非常不满意', 1],
    ['  2 !! ', 2],
  ])('%j rates %i', (text, rating) => {
    expect(surveyRatingIn(text)).toBe(rating);
  });

  it.each(['', '0', '6', '45', '4.5', '-3', '10/10', '5 stars but the box was broken', '4 items are missing', 'order 5', 'thanks', 'yes', '满意吗？', '⭐⭐⭐⭐⭐⭐', 'where is my refund', '__proto__', 'constructor', 'toString'])(
    '%j is not a rating',
    (text) => {
      expect(surveyRatingIn(text)).toBeNull();
    },
  );

  const unit = fc.constantFrom('', ' ', 'star', ' stars', ' points', '分', '星', '/5', ' out of 5', '!', '.', '。');
  const pad = fc.constantFrom('', ' ', '  ', '\n', '\t');

  it('property: any 1-5 with at most one unit and surrounding whitespace reads as that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), unit, pad, pad, (n, u, before, after) => {
        expect(surveyRatingIn(`${before}${n}${u}${after}`)).toBe(n);
      }),
    );
  });

  it('property: a rating followed by any further word is a message, not a rating', () => {
    const word = fc.stringMatching(/^[a-z]{2,12}$/).filter((w) => !['star', 'stars', 'pt', 'pts', 'point', 'points'].includes(w));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), word, (n, w) => {
        expect(surveyRatingIn(`${n} ${w}`)).toBeNull();
        expect(surveyRatingIn(`${w} ${n}`)).toBeNull();
      }),
    );
  });

  it('property: whatever the text, the answer is null or a whole number from 1 to 5, and never one for numbers off the scale', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const rating = surveyRatingIn(text);
        expect(rating === null || (Number.isInteger(rating) && rating >= 1 && rating <= 5)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 6, max: 10_000 }), fc.integer({ min: -1000, max: 0 })), (n) => {
        expect(surveyRatingIn(String(n))).toBeNull();
      }),
    );
  });
});

const T0 = Date.parse('2025-01-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const customer = { kind: 'customer' as const, id: 'c-1' };

function event<T extends TicketEventType>(type: T, data: Partial<TicketEventData<T>> = {}, minutes = 0): NewEvent {
  return {
    type,
    schemaVersion: ticketEventRegistry.get(type)!.schemaVersion,
    tenantId: 'tenant-a',
    actor: { kind: 'service', id: 'test' },
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: at(minutes),
    data: { ...(sampleTicketEventData[type] as object), ticketId: 't-1', ...data },
  } as unknown as NewEvent;
}

const message = (text: string, minutes: number, attachments: unknown[] = []): TicketCommand =>
  ({
    type: 'ReceiveCustomerMessage',
    ticketId: 't-1',
    metadata: { tenantId: 'tenant-a', actor: customer, correlationId: 'corr-2', causationId: null, now: at(minutes) },
    data: { messageId: `m-${minutes}`, channel: 'chat', channelMessageId: `chat-${minutes}`, text, attachments },
  }) as TicketCommand;

const DAY = 24 * 60;
const resolved = [event('TicketOpened', { channel: 'chat', channelClass: 'instant', channelMessageId: 'chat-0' }), event('TicketResolved', {}, 60)];
const surveyed = [...resolved, event('SurveySent', { surveyId: 's-1', channel: 'chat', expiresAt: at(60 + 7 * DAY) }, 120)];
const spec = specification(receiveOnceDecider);

describe('a rating-only reply on the ticket (receiveOnceDecider)', () => {
  it('given a resolved ticket with an open survey, "5" records the rating (dimensions empty) and does not reopen', () => {
    const decided = spec.given(surveyed).when(message('5', 180));
    expect(decided.map((e) => e.type)).toEqual(['SatisfactionRated']);
    expect(decided[0]).toMatchObject({
      actor: customer,
      data: { surveyId: 's-1', rating: 5, comment: null, dissatisfied: false, dimensions: { attitude: null, responseSpeed: null, problemSolved: null, expertise: null } },
    });
  });

  it('given a closed ticket with an open survey, "非常不满意" is recorded as 1 (dissatisfied)', () => {
    const closed = [...surveyed, event('TicketClosed', {}, 2 * DAY)];
    expect(spec.given(closed).when(message('非常不满意', 3 * DAY))[0]).toMatchObject({ type: 'SatisfactionRated', data: { rating: 1, dissatisfied: true } });
  });

  it('given the survey already answered, a second rating records nothing and says so', () => {
    const rated = [...surveyed, event('SatisfactionRated', { surveyId: 's-1', rating: 4 }, 200)];
    expect(() => spec.given(rated).when(message('1', 300))).toThrow(expect.objectContaining({ reason: 'survey_already_answered' }));
    expect(() => spec.given(rated).when(message('1', 300))).toThrow(SurveyReplyNotRecordedError);
  });

  it('given the deadline passed, a rating records nothing and says the survey expired', () => {
    expect(() => spec.given(surveyed).when(message('4', 60 + 7 * DAY + 1))).toThrow(expect.objectContaining({ reason: 'survey_expired' }));
  });

  it('anything else still reopens the ticket as before; so does a rating with an attachment or on a ticket without a survey', () => {
    expect(spec.given(surveyed).when(message('4 items are still missing', 180)).map((e) => e.type)).toEqual(['CustomerMessageReceived', 'TicketReopened']);
    expect(spec.given(resolved).when(message('5', 180)).map((e) => e.type)).toEqual(['CustomerMessageReceived', 'TicketReopened']);
    const withPhoto = message('5', 180, [{ attachmentId: 'a-1', fileName: 'p.png', contentType: 'image/png', sizeBytes: 10, storageRef: 'https://x/p.png' }]);
    expect(spec.given(surveyed).when(withPhoto).map((e) => e.type)).toEqual(['CustomerMessageReceived', 'TicketReopened']);
  });

  it('a repeated channel message is still recognised first and records nothing', () => {
    const answered = [...surveyed, event('CustomerMessageReceived', { channel: 'chat', channelMessageId: 'chat-180', text: 'hi' }, 150)];
    expect(spec.given(answered).when(message('5', 180))).toEqual([]);
  });
});
