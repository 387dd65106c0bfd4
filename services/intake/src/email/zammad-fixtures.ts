import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ParsedEmail } from './parse-email';

/** The Zammad fixtures live beside the repository (../shared/corpora), never inside it (AGPL). */
export const ZAMMAD_FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpora', 'zammad-mail-fixtures', 'mail');

export function zammadFixturesPresent(): boolean {
  return existsSync(ZAMMAD_FIXTURES);
}

export interface Fixture {
  name: string;
  raw: Buffer;
  expected: Record<string, unknown> | null;
}

export function loadZammadFixtures(): Fixture[] {
  return readdirSync(ZAMMAD_FIXTURES)
    .filter((f) => f.endsWith('.box'))
    .sort()
    .map((file) => {
      const yml = join(ZAMMAD_FIXTURES, file.replace(/\.box$/, '.yml'));
      // Ruby-tagged YAML (`!ruby/hash:…`, `!binary`): the tags only name Ruby types, so they are dropped;
      // Psych ends multi-line quoted scalars with a quote in column 0, which strict YAML 1.2 refuses.
      const expected = existsSync(yml) ? (parseYaml(readFileSync(yml, 'utf8').replace(/!ruby\/[\w:]+/g, '').replace(/!binary /g, '').replace(/^'$/gm, "    '"), { logLevel: 'error' }) as Record<string, unknown>) : null;
      return { name: file, raw: readFileSync(join(ZAMMAD_FIXTURES, file)), expected };
    });
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const letters = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&nbsp;|&[a-z]+;|&#\d+;/g, '').replace(/[\s>*_\-=|]+/g, '').toLowerCase();
const emailsIn = (s: string) => new Set((s.toLowerCase().match(/[^\s<>",;:]+@[^\s<>",;]+/g) ?? []).map((a) => a.replace(/[>.]+$/, '')));
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * Which of Zammad's expected fields our parse reproduces. Bodies are compared loosely (Zammad
 * keeps HTML and its own signature markers): the first 80 letters of its body must appear in our
 * full text. `content_type` is Zammad's choice of stored body format (we always store text), so it
 * is not compared.
 */
export function compareWithZammad(parsed: ParsedEmail, expected: Record<string, unknown>): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'content_type') continue;
    const want = value === null || value === undefined ? '' : String(value);
    switch (key) {
      case 'from_email':
        result[key] = parsed.from.address === want.toLowerCase();
        break;
      case 'from_display_name':
        result[key] = squash(parsed.from.name).replace(/^["']|["']$/g, '') === squash(want).replace(/^["']|["']$/g, '');
        break;
      case 'from':
        result[key] = emailsIn(want).has(parsed.from.address) || (want.indexOf('@') === -1 && want.includes(parsed.from.name));
        break;
      case 'to':
        result[key] = sameSet(emailsIn(want), new Set(parsed.to));
        break;
      case 'cc':
        result[key] = sameSet(emailsIn(want), new Set(parsed.cc));
        break;
      case 'subject':
        result[key] = squash(parsed.subject) === squash(want);
        break;
      case 'body': {
        // Zammad writes this placeholder where the mail has no text.
        const head = want.trim() === 'no visible content' ? '' : letters(want).slice(0, 80);
        result[key] = head === '' ? letters(parsed.text) === '' || want.trim() !== 'no visible content' : letters(parsed.text).includes(head);
        break;
      }
      case 'attachments': {
        // Zammad stores the HTML alternative as a pseudo-attachment (`content-alternative`); we keep it as the text.
        const real = (Array.isArray(value) ? value : []).filter((a) => !(a as { preferences?: Record<string, unknown> }).preferences?.['content-alternative']);
        const names = real.map((a) => String((a as { filename?: unknown }).filename ?? '')).filter(Boolean).sort();
        const ours = parsed.attachments.map((a) => a.filename).sort();
        result[key] = names.every((n) => ours.includes(n)) && ours.length >= names.length;
        break;
      }
      default:
        break;
    }
  }
  return result;
}
