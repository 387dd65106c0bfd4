import { CHANNELS, type Channel } from '@ticketing/contracts';
import { ConfigError } from '@ticketing/platform';

/** Intake's channel settings, from the environment (validated at start-up like the platform's). */
export interface OutboundConfig {
  /** Signed-webhook endpoint per channel (chat, app, social, webform, hotline); absent = no endpoint. */
  webhookUrls: Partial<Record<Channel, string>>;
  webhookSecret: string | null;
  webhookTimeoutMs: number;
  smtp: { url: string; from: string; domain: string } | null;
  /** Deployment default for staff notices of tenants without their own: a signed webhook (INTAKE_WEBHOOK_SECRET) and/or one address. */
  staffNotices: { webhookUrl: string | null; email: string | null };
  /** Message-ID domain of outbound mail (also used when no SMTP is configured, for threading ids). */
  mailDomain: string;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  pollMs: number;
  attachmentDir: string;
}

type Env = Record<string, string | undefined>;

function positive(env: Env, name: string, fallback: number, max = 86_400_000): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(name, `must be an integer 1-${max} (got "${raw}")`);
  return n;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new ConfigError(name, 'must be an http or https URL');
  return raw;
}

export function loadOutboundConfig(env: Env = process.env): OutboundConfig {
  const webhookUrls: Partial<Record<Channel, string>> = {};
  const fallback = httpUrl(env, 'INTAKE_WEBHOOK_URL');
  for (const channel of CHANNELS.filter((c) => c !== 'email')) {
    const url = httpUrl(env, `INTAKE_WEBHOOK_URL_${channel.toUpperCase()}`) ?? fallback;
    if (url) webhookUrls[channel] = url;
  }
  const secret = env.INTAKE_WEBHOOK_SECRET?.trim() || null;
  if (Object.keys(webhookUrls).length > 0 && (!secret || secret.length < 16)) {
    throw new ConfigError('INTAKE_WEBHOOK_SECRET', 'is required (at least 16 characters) when a webhook URL is set: webhooks are signed');
  }
  const smtpUrl = env.INTAKE_SMTP_URL?.trim();
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) throw new ConfigError('INTAKE_SMTP_URL', 'must be smtp://[user:pass@]host:port or smtps://…');
  const from = env.INTAKE_MAIL_FROM?.trim() || 'support@localhost';
  if (!/^[^@\s]+@[^@\s]+$/.test(from)) throw new ConfigError('INTAKE_MAIL_FROM', 'must be an e-mail address');
  const mailDomain = env.INTAKE_MAIL_DOMAIN?.trim() || from.split('@')[1];
  const staffWebhookUrl = httpUrl(env, 'INTAKE_STAFF_WEBHOOK_URL') ?? null;
  if (staffWebhookUrl && (!secret || secret.length < 16)) {
    throw new ConfigError('INTAKE_WEBHOOK_SECRET', 'is required (at least 16 characters) with INTAKE_STAFF_WEBHOOK_URL: staff notices are signed');
  }
  const staffEmail = env.INTAKE_STAFF_EMAIL?.trim() || null;
  if (staffEmail && !/^[^@\s]+@[^@\s]+$/.test(staffEmail)) throw new ConfigError('INTAKE_STAFF_EMAIL', 'must be an e-mail address');
  if (staffEmail && !smtpUrl) throw new ConfigError('INTAKE_STAFF_EMAIL', 'needs INTAKE_SMTP_URL to send through');
  return {
    webhookUrls,
    webhookSecret: secret,
    webhookTimeoutMs: positive(env, 'INTAKE_WEBHOOK_TIMEOUT_MS', 10_000),
    smtp: smtpUrl ? { url: smtpUrl, from, domain: mailDomain } : null,
    staffNotices: { webhookUrl: staffWebhookUrl, email: staffEmail },
    mailDomain,
    maxAttempts: positive(env, 'INTAKE_DELIVERY_MAX_ATTEMPTS', 6, 100),
    backoffMs: positive(env, 'INTAKE_DELIVERY_BACKOFF_MS', 2_000),
    maxBackoffMs: positive(env, 'INTAKE_DELIVERY_MAX_BACKOFF_MS', 15 * 60_000),
    pollMs: positive(env, 'INTAKE_DELIVERY_POLL_MS', 500),
    attachmentDir: env.INTAKE_ATTACHMENT_DIR?.trim() || `${env.DATA_DIR?.trim() || './data'}/attachments`,
  };
}

export const OUTBOUND_CONFIG = Symbol('OUTBOUND_CONFIG');
