import { conceptFeatures } from './lexicon';
import { normalizeText } from './normalize';

/**
 * Sparse features of a message. Chinese has no spaces, so Han runs give character 1–3-grams
 * (which capture words like 退款/快递/被盗 without a segmenter); Latin text gives words, word
 * bigrams and character 3–5-grams inside words (robust to typos and inflection: "refunded",
 * "refnd"). Digits collapse to 0 so order numbers do not become features of their own.
 */
const TOKEN = /(\p{Script=Han}+)|([\p{L}\p{N}]+(?:'[\p{L}]+)?)/gu;

export function extractFeatures(text: string): string[] {
  const normalized = normalizeText(text).replace(/\d/g, '0');
  const out = new Set<string>();
  let previousWord: string | null = null;
  for (const match of normalized.matchAll(TOKEN)) {
    if (match[1] !== undefined) {
      const run = match[1];
      previousWord = null;
      for (let i = 0; i < run.length; i++) {
        out.add(`c1:${run[i]}`);
        if (i + 1 < run.length) out.add(`c2:${run.slice(i, i + 2)}`);
        if (i + 2 < run.length) out.add(`c3:${run.slice(i, i + 3)}`);
      }
      continue;
    }
    const word = match[2];
    out.add(`w:${word}`);
    if (previousWord !== null) out.add(`b:${previousWord}_${word}`);
    previousWord = word;
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.add(`n:${padded.slice(i, i + n)}`);
    }
  }
  for (const concept of conceptFeatures(normalized)) out.add(concept);
  return [...out];
}
