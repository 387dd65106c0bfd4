import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';

/** What one attempt reports back; `ok: false` is retried, never thrown. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  detail: string;
  transportMessageId: string;
}

export const SIGNATURE_HEADER = 'X-Ticketing-Signature';
export const TIMESTAMP_HEADER = 'X-Ticketing-Timestamp';
export const DELIVERY_HEADER = 'X-Ticketing-Delivery';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the scheme Stripe and GitHub use: the
 * timestamp in the signed text lets receivers refuse replays of an old delivery.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postSignedWebhook(
  url: string,
  secret: string,
  deliveryId: string,
  payload: unknown,
  timeoutMs: number,
  now: Date,
): Promise<AttemptResult> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        // Receivers de-duplicate on it: a crash between sending and recording sends again.
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text().catch(() => '')).slice(0, 300);
    return { ok: response.ok, statusCode: response.status, detail: `HTTP ${response.status}${text ? `: ${text}` : ''}`, transportMessageId: deliveryId };
  } catch (error) {
    return { ok: false, statusCode: null, detail: `webhook ${url}: ${(error as Error).message}`, transportMessageId: deliveryId };
  }
}

export interface OutboundMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Surveys and automated updates say so (RFC 3834), so customers' auto-responders stay quiet. */
  automated: boolean;
}

export class SmtpSender {
  private readonly transporter: Transporter;

  constructor(url: string) {
    // Plain SMTP on a trusted relay (loopback, cluster-internal) is allowed; smtps:// and STARTTLS when offered.
    this.transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as object);
  }

  async send(mail: OutboundMail): Promise<AttemptResult> {
    try {
      const info = await this.transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.messageId}>`,
        inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
        references: mail.references.map((r) => `<${r}>`),
        headers: mail.automated ? { 'Auto-Submitted': 'auto-generated' } : {},
      });
      const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
      return { ok: true, statusCode: code, detail: String(info.response).slice(0, 300), transportMessageId: mail.messageId };
    } catch (error) {
      const smtpError = error as Error & { responseCode?: number };
      return { ok: false, statusCode: smtpError.responseCode ?? null, detail: `smtp: ${smtpError.message}`.slice(0, 300), transportMessageId: mail.messageId };
    }
  }

  close(): void {
    this.transporter.close();
  }
}
