/**
 * Recognises a customer message that is nothing but an answer to a satisfaction survey: a rating
 * from 1 to 5 and at most a unit, e.g. "4", "5 stars", "5/5", "4 out of 5", "5分", "五星",
 * "⭐⭐⭐⭐", "非常满意". Strict on purpose: a message that says anything else ("4 items missing",
 * "5 stars but the box was broken") is a message, not a rating, and threads as usual.
 */
// Maps, not object literals: customer text must never reach Object.prototype ("__proto__", "constructor").
const DIGITS = new Map<string, number>(Object.entries({
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5,
  '１': 1, '２': 2, '３': 3, '４': 4, '５': 5,
  一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5,
  one: 1, two: 2, three: 3, four: 4, five: 5,
}));

/** Whole-message answers in words (Chinese satisfaction scale as customers type it). */
const PHRASES = new Map<string, number>(Object.entries({
  非常满意: 5, 很满意: 5, 特别满意: 5, 满意: 4, 比较满意: 4, 还行: 3, 一般: 3,
  不满意: 2, 不太满意: 2, 很不满意: 1, 非常不满意: 1,
  非常滿意: 5, 很滿意: 5, 滿意: 4, 不滿意: 2, 很不滿意: 1, 非常不滿意: 1,
}));

const NUMBER = '([1-5１-５]|[一二两三四五]|one|two|three|four|five)';
/** A number followed by at most one unit: stars, points, "/5", "out of 5". */
const RATED = new RegExp(`^${NUMBER}\\s*(?:stars?|pts?|points?|分|星|颗星|顆星|星星|/\\s*5|／\\s*５|out of (?:5|five)|⭐)?$`, 'iu');
const STARS = /^(?:⭐|★|🌟){1,5}$/u;
/** What may trail a rating without changing it: spaces, full stops, exclamation marks. */
const TRAILING = /[\s.!。！~～]+$/u;

/** The rating (1-5) the message gives, or null when it is not (only) a rating. */
export function surveyRatingIn(text: string): number | null {
  const normalized = text.normalize('NFC').replace(/\uFE0F/gu, '').trim().replace(TRAILING, '').trim().toLowerCase();
  if (normalized.length === 0 || normalized.length > 20) return null;
  const phrase = PHRASES.get(normalized);
  if (phrase !== undefined) return phrase;
  if (STARS.test(normalized)) return [...normalized].length;
  const rated = RATED.exec(normalized);
  return rated ? (DIGITS.get(rated[1]) ?? null) : null;
}
