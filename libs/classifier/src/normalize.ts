import * as OpenCC from 'opencc-js';

/**
 * Traditional → Simplified, so one model (and one tenant rule) covers both scripts: a customer in
 * Taipei writing 帳號被盜 and one in Shanghai writing 账号被盗 must produce the same features.
 * OpenCC converts phrase-aware; a few mainland spellings it leaves in their Taiwan form are fixed after.
 */
const traditionalToSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const MAINLAND_SPELLING: Array<[RegExp, string]> = [
  [/帐号/g, '账号'],
  [/帐户/g, '账户'],
];

const HAN = /\p{Script=Han}/gu;

export function toSimplified(text: string): string {
  let out = traditionalToSimplified(text);
  for (const [pattern, replacement] of MAINLAND_SPELLING) out = out.replace(pattern, replacement);
  return out;
}

/** NFKC folds full-width Latin and digits (ＡＢＣ１２３) to ASCII; lower case; Simplified script. */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'und'] as const;
export type DetectedLanguage = (typeof LANGUAGES)[number];

const LATIN_LETTER = /[a-z]/gi;
const NON_ENGLISH_LATIN = /[àâäçéèêëîïôöùûüÿñßæœåøãõ]/i;

/**
 * Script-based language detection: enough to route and to pick the agent's language for the
 * taxonomy's two languages. Han text is Traditional when OpenCC changes a noticeable share of its
 * characters (Simplified input comes back unchanged); Latin text is English unless it carries
 * letters English does not use.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const han = text.match(HAN) ?? [];
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (han.length > 0 && han.length * 3 >= latin) {
    const simplified = traditionalToSimplified(han.join(''));
    let changed = 0;
    for (let i = 0; i < han.length; i++) if (simplified[i] !== han[i]) changed++;
    return changed > 0 && changed / han.length >= 0.04 ? 'zh-Hant' : 'zh-Hans';
  }
  if (latin === 0) return 'und';
  return NON_ENGLISH_LATIN.test(text) ? 'und' : 'en';
}
