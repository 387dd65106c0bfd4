import * as OpenCC from 'opencc-js';

/**
 * Language-neutral tokenisation for relevance search over Chinese and English text.
 *
 * Chinese has no spaces between words, and a dictionary segmenter would need a dictionary we would
 * have to ship and maintain; overlapping character bigrams (plus single characters, down-weighted by
 * the scorer) find the same words without one and are the usual baseline for CJK retrieval.
 * Traditional characters are folded to Simplified so a zh-TW query finds the same terms as zh-CN
 * text. Latin text is split into lower-cased words with a light suffix stripper, so "refunds",
 * "refunded" and "refund" meet.
 *
 * Every character is normalised on its own, so the normalised text has the same length as the
 * original: token offsets point into the original text, which highlighting needs.
 */
export interface TokenSpan {
  term: string;
  /** Offsets in the original text: [start, end). */
  start: number;
  end: number;
  /** A single CJK character: matches many words, so scorers weigh it less than a bigram. */
  unigram: boolean;
}

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
/** Mainland spellings OpenCC leaves in their Taiwan form (帳號 → 帐号, but mainland writes 账号). */
const MAINLAND_SPELLING: Record<string, string> = { 帐: '账' };
const simplifiedCache = new Map<string, string>();

/** CJK ideographs (BMP): extension A, unified, compatibility. A code check, not a regex: this runs per character. */
function isCjkCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}
const isCjk = (ch: string) => isCjkCode(ch.charCodeAt(0));

/** Characters that carry no topic alone (they still take part in bigrams). */
const CJK_STOP_UNIGRAMS = new Set([...'的了吗呢啊吧呀么嘛我你您他她它们是在和与及或就都也这那个一有要请问该怎么如何什为可以能会']);

const ENGLISH_STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'i me my we our you your he she they them their do does did can could would should will shall may might must ' +
    'have has had not no so than then there here what which who whom how when where why am into about up out please hi hello'
  ).split(' '),
);

function normaliseChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  // Full-width ASCII (common in Chinese input methods) to half-width.
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  if (isCjkCode(code)) {
    const cached = simplifiedCache.get(ch);
    if (cached !== undefined) return cached;
    const converted = toSimplified(ch);
    const simplified = converted.length === 1 ? (MAINLAND_SPELLING[converted] ?? converted) : ch;
    simplifiedCache.set(ch, simplified);
    return simplified;
  }
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

/** The text with every character normalised; same length as the input. */
export function normalise(text: string): string {
  const out = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) out[i] = normaliseChar(text[i]);
  return out.join('');
}

/** A light English suffix stripper (not Porter: just enough for plurals and common verb forms). */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('es') && /(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function undouble(word: string): string {
  return /([bdgmnprt])\1$/.test(word) ? word.slice(0, -1) : word;
}

const LATIN_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Tokens with their offsets, for indexing and highlighting. */
export function tokenSpans(text: string): TokenSpan[] {
  const normalised = normalise(text);
  const spans: TokenSpan[] = [];
  let i = 0;
  while (i < normalised.length) {
    if (isCjk(normalised[i])) {
      let end = i;
      while (end < normalised.length && isCjk(normalised[end])) end++;
      for (let k = i; k < end; k++) {
        const ch = normalised[k];
        if (!CJK_STOP_UNIGRAMS.has(ch)) spans.push({ term: ch, start: k, end: k + 1, unigram: true });
        if (k + 1 < end) spans.push({ term: normalised.slice(k, k + 2), start: k, end: k + 2, unigram: false });
      }
      i = end;
      continue;
    }
    let end = i;
    while (end < normalised.length && !isCjk(normalised[end])) end++;
    const run = normalised.slice(i, end);
    for (const match of run.matchAll(LATIN_WORD)) {
      const word = match[0];
      if (ENGLISH_STOPWORDS.has(word)) continue;
      spans.push({ term: stem(word), start: i + match.index!, end: i + match.index! + word.length, unigram: false });
    }
    i = end;
  }
  return spans;
}

/** Just the terms, in text order (with repeats: term frequency matters). */
export function tokenize(text: string): string[] {
  return tokenSpans(text).map((span) => span.term);
}

/** Whether a term is a single CJK character (scorers weigh these less than bigrams and words). */
export function isCjkUnigram(term: string): boolean {
  return term.length === 1 && isCjk(term);
}
