import EmailReplyParser from 'email-reply-parser';

/*
 * The part of a mail that becomes the ticket message is what the customer just wrote: quoted
 * history and signatures are dropped. email-reply-parser knows the "On … wrote:" lines of many
 * languages and the usual signature markers; the markers below cover what it misses in the mail
 * our customers send (Outlook headers, Chinese clients, mobile footers).
 */
const HISTORY_MARKERS: RegExp[] = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|原始邮件|原始郵件|转发的邮件|forwarded message)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(from|von|de|发件人|寄件者)\s*[:：]\s*.+$/i,
  /^在\s*.+(写道|寫道)\s*[:：]?\s*$/,
  /^-{3}\s*original\s*-{3}\s*$/i,
];
const SIGNATURE_MARKERS: RegExp[] = [
  /^--\s?$/,
  /^(sent from my|von meinem|envoyé de mon|发自我的|從我的|寄件自我的)\s*.{0,40}$/i,
  /^(get outlook for|outlook for (ios|android))/i,
];

/** A header block ("From: … / Sent: … / To: …") starts history only if a Sent/Date line follows. */
function isOutlookHeader(lines: string[], index: number): boolean {
  const next = lines.slice(index + 1, index + 4).join('\n');
  return /^(sent|date|gesendet|datum|envoyé|发送时间|日期|寄件日期)\s*[:：]/im.test(next);
}

export function stripQuotedAndSignature(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  let visible: string;
  try {
    visible = new EmailReplyParser().parseReply(normalised);
  } catch {
    visible = normalised;
  }
  const lines = visible.split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const history = HISTORY_MARKERS.some((m) => m.test(line)) && (!/^(from|von|de|发件人|寄件者)/i.test(line) || isOutlookHeader(lines, i));
    if (history || SIGNATURE_MARKERS.some((m) => m.test(line))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line));
  const result = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // A mail that is nothing but a quote (a bare forward) keeps its full text rather than none.
  return result === '' ? normalised.trim() : result;
}
