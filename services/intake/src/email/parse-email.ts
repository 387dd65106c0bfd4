import { createHash } from 'node:crypto';
import { InputValidationError } from '@ticketing/platform';
import iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { detectAutomatedMail, type AutomatedMail } from './automated-mail';
import { stripQuotedAndSignature } from './strip-quoted';

export const MAX_RAW_EMAIL_BYTES = 30 * 1024 * 1024;
export const MAX_EMAIL_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_EMAIL_ATTACHMENTS = 50;

export interface EmailAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
}

export interface ParsedEmail {
  /** Without angle brackets; derived from the raw bytes when the sender set none. */
  messageId: string;
  messageIdWasGenerated: boolean;
  inReplyTo: string[];
  /** Oldest first, as RFC 5322 orders them: the first is the thread's root. */
  references: string[];
  from: { address: string; name: string };
  to: string[];
  cc: string[];
  subject: string;
  contentType: string;
  /** The whole body as plain text (HTML-only mail converted to clean text). */
  text: string;
  /** What the sender just wrote: `text` without quoted history and signature. */
  message: string;
  attachments: EmailAttachment[];
  automated: AutomatedMail | null;
}

/*
 * Charset labels seen in real mail that iconv-lite does not know under that name. Anything else it
 * does not know is refused with a 4xx: guessing would store mojibake as the customer's words.
 */
const CHARSET_ALIASES: Record<string, string> = {
  'iso-gb2312': 'gb2312',
  'x-gbk': 'gbk',
  'unicode-1-1-utf-7': 'utf-7',
  'x-unknown': 'us-ascii',
  'unknown-8bit': 'latin1',
  'x-user-defined': 'latin1',
  'ansi_x3.4-1968': 'us-ascii',
  'iso-8859-8-i': 'iso-8859-8',
  '134': 'gbk',
};

/** What mailparser decodes: iconv-lite's codecs (also under libmime's spellings, e.g. `win-1252`)
 * and the Japanese charsets it hands to encoding-japanese. */
function isDecodable(label: string): boolean {
  if (/^(jis|iso-?2022-?jp|euc-?jp|shift[-_]?jis|sjis)/.test(label)) return true;
  const spelled = label
    .replace(/^utf[-_]?(\d+)/, 'utf-$1')
    .replace(/^win(?:dows)?[-_]?(\d+)/, 'windows-$1')
    .replace(/^(?:latin|iso[-_]?8859)[-_]?(\d+)/, 'iso-8859-$1');
  return iconv.encodingExists(label) || iconv.encodingExists(spelled);
}

/** Rewrites known aliases in Content-Type charset parameters and refuses unknown charsets. */
function normaliseCharsets(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const unknown = new Set<string>();
  const rewritten = text.replace(/(content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*?charset\s*=\s*)("?)([^"\s;]+)\2/gi, (whole, prefix: string, quote: string, label: string) => {
    const lower = label.toLowerCase();
    if (isDecodable(lower)) return whole;
    const alias = Object.hasOwn(CHARSET_ALIASES, lower) ? CHARSET_ALIASES[lower] : undefined; // a label like "constructor" is not an alias
    if (alias) return `${prefix}${quote}${alias}${quote}`;
    unknown.add(label);
    return whole;
  });
  if (unknown.size > 0) {
    throw new InputValidationError([{ field: 'charset', message: `unknown charset ${[...unknown].map((c) => JSON.stringify(c.slice(0, 60))).join(', ')}` }]);
  }
  return rewritten === text ? raw : Buffer.from(rewritten, 'latin1');
}

const bare = (id: string) => id.trim().replace(/^<|>$/g, '').trim();

function idList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const ids = joined.match(/<[^<>\s]+>/g) ?? joined.split(/\s+/);
  return ids.map(bare).filter((id) => id.length > 0 && id.length <= 998);
}

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat.filter((a) => typeof a.address === 'string' && a.address.includes('@')).map((a) => ({ address: a.address!.toLowerCase(), name: a.name ?? '' }));
}

/**
 * Parses a raw RFC 5322/MIME message. Refuses (InputValidationError, a 4xx naming the field) what
 * cannot become a ticket: too large, no sender address, an unknown charset, an oversized or
 * excessive attachment. Everything else is accepted the way mail clients accept it.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length === 0) throw new InputValidationError([{ field: 'body', message: 'is empty; expected a raw RFC 5322 message' }]);
  if (raw.length > MAX_RAW_EMAIL_BYTES) {
    throw new InputValidationError([{ field: 'body', message: `must not exceed ${MAX_RAW_EMAIL_BYTES} bytes (got ${raw.length})` }]);
  }
  const source = normaliseCharsets(raw);
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { skipTextToHtml: true, skipImageLinks: true, maxHtmlLengthToParse: 5 * 1024 * 1024 });
  } catch (error) {
    throw new InputValidationError([{ field: 'body', message: `is not a parseable MIME message: ${(error as Error).message}` }]);
  }
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim();
  const sender = addresses(mail.from)[0] ?? addresses(mail.replyTo)[0] ?? addresses(mail.headers.get('sender') as AddressObject | undefined)[0];
  const automated = detectAutomatedMail(mail.headers, subject, sender?.address ?? '');
  // A bounce may come without a sender; it is recognised (and dropped) rather than refused.
  const from = sender ?? (automated ? { address: '', name: '' } : undefined);
  if (!from) throw new InputValidationError([{ field: 'from', message: 'the message has no sender address (From header)' }]);

  const attachments: EmailAttachment[] = await Promise.all(mail.attachments.map(async (a, index) => ({
    filename: (a.filename ?? '').trim() || (await embeddedMailName(a.contentType, a.content)) || `attachment-${index + 1}${extensionOf(a.contentType)}`,
    contentType: /^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) ? a.contentType.toLowerCase() : 'application/octet-stream',
    size: a.size ?? a.content.length,
    content: a.content,
    contentId: a.contentId ? bare(a.contentId) : null,
    inline: a.contentDisposition === 'inline' || a.related === true,
  })));
  if (attachments.length > MAX_EMAIL_ATTACHMENTS) {
    throw new InputValidationError([{ field: 'attachments', message: `at most ${MAX_EMAIL_ATTACHMENTS} attachments (got ${attachments.length})` }]);
  }
  attachments.forEach((a, i) => {
    if (a.size > MAX_EMAIL_ATTACHMENT_BYTES) {
      throw new InputValidationError([{ field: `attachments[${i}]`, message: `${a.filename} is ${a.size} bytes; the limit is ${MAX_EMAIL_ATTACHMENT_BYTES}` }]);
    }
  });

  const text = (mail.text ?? '').replace(/\r\n?/g, '\n').replaceAll('\u0000', '').replace(/\u00a0/g, ' ').trim();
  const declaredId = mail.messageId ? bare(mail.messageId) : '';
  const contentType = mail.headers.get('content-type') as { value?: string } | undefined;
  return {
    messageId: declaredId || `sha256-${createHash('sha256').update(raw).digest('hex')}@generated.invalid`,
    messageIdWasGenerated: declaredId === '',
    inReplyTo: idList(mail.inReplyTo),
    references: idList(mail.references),
    from,
    to: addresses(mail.to).map((a) => a.address),
    cc: addresses(mail.cc).map((a) => a.address),
    subject,
    contentType: contentType?.value?.toLowerCase() ?? 'text/plain',
    text,
    message: text === '' ? '' : stripQuotedAndSignature(text),
    attachments,
    automated,
  };
}

/** A forwarded mail (message/rfc822) is named after its subject, as mail clients show it. */
async function embeddedMailName(contentType: string, content: Buffer): Promise<string | null> {
  if (contentType.toLowerCase() !== 'message/rfc822') return null;
  try {
    const inner = await simpleParser(content.subarray(0, 64 * 1024), { skipHtmlToText: true, skipTextToHtml: true });
    const subject = (inner.subject ?? '').replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim().slice(0, 200);
    return subject ? `${subject}.eml` : null;
  } catch {
    return null;
  }
}

function extensionOf(contentType: string): string {
  const sub = contentType.split('/')[1] ?? '';
  return /^[a-z0-9]{1,8}$/i.test(sub) ? `.${sub.toLowerCase()}` : '.bin';
}
