import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigError, InputValidationError } from '@ticketing/platform';
import { ImapFlow } from 'imapflow';
import { v7 as uuidv7 } from 'uuid';
import { ChannelSettingsService } from '../channel-settings/channel-settings.service';
import { EmailIntakeService } from './email-intake.service';

export interface MailboxConfig {
  url: URL;
  tenantId: string;
  pollMs: number;
}

/** How often mailboxes are polled (INTAKE_IMAP_POLL_MS, default 30 s). */
export function loadPollInterval(env: Record<string, string | undefined> = process.env): number {
  const pollMs = Number(env.INTAKE_IMAP_POLL_MS?.trim() || 30_000);
  if (!Number.isInteger(pollMs) || pollMs < 100) throw new ConfigError('INTAKE_IMAP_POLL_MS', 'must be an integer >= 100');
  return pollMs;
}

/** INTAKE_IMAP_URL=imap[s]://user:password@host:port/INBOX, INTAKE_IMAP_TENANT, INTAKE_IMAP_POLL_MS. */
export function loadMailboxConfig(env: Record<string, string | undefined> = process.env): MailboxConfig | null {
  const raw = env.INTAKE_IMAP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('INTAKE_IMAP_URL', 'is not a valid URL');
  }
  if (!['imap:', 'imaps:'].includes(url.protocol) || !url.username) throw new ConfigError('INTAKE_IMAP_URL', 'must be imap[s]://user:password@host:port/MAILBOX');
  const tenantId = env.INTAKE_IMAP_TENANT?.trim();
  if (!tenantId) throw new ConfigError('INTAKE_IMAP_TENANT', 'is required with INTAKE_IMAP_URL (the tenant the mailbox belongs to)');
  return { url, tenantId, pollMs: loadPollInterval(env) };
}

/**
 * Polls every mailbox over IMAP: the deployment's (INTAKE_IMAP_URL, for INTAKE_IMAP_TENANT) and each
 * tenant's own from its channel settings, each on behalf of its tenant. every unseen message goes through the same intake as a webhook POST,
 * then is flagged \Seen. Intake de-duplicates by Message-ID, so a crash between the two only
 * re-reads a mail that changes nothing. A mail refused as bad input is flagged \Seen and
 * \Flagged (left for a human), so one broken mail cannot block the mailbox.
 */
@Injectable()
export class MailboxPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxPoller.name);
  private readonly config = loadMailboxConfig();
  private readonly pollMs = loadPollInterval();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly email: EmailIntakeService,
    private readonly channelSettings: ChannelSettingsService,
  ) {}

  onApplicationBootstrap(): void {
    // Always: a tenant may add a mailbox at any time.
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pollAll()
        .catch((error: unknown) => this.logger.warn(`IMAP poll failed: ${(error as Error).message}`))
        .finally(() => this.schedule(this.pollMs));
    }, delay);
  }

  /** One pass over every mailbox; one failing mailbox does not keep the others from being read. */
  async pollAll(): Promise<number> {
    const mailboxes = [
      ...(this.config ? [{ name: 'INTAKE_IMAP_URL', tenantId: this.config.tenantId, url: this.config.url }] : []),
      ...(await this.channelSettings.mailboxes()).map((m) => ({ name: `${m.tenantId}/${m.mailboxId}`, tenantId: m.tenantId, url: m.url })),
    ];
    let handled = 0;
    for (const mailbox of mailboxes) {
      if (this.stopped) break;
      try {
        handled += await this.pollOnce(mailbox.url, mailbox.tenantId);
      } catch (error) {
        // The mailbox's name, never its URL: that holds the password.
        this.logger.warn(`IMAP poll of ${mailbox.name} failed: ${(error as Error).message}`);
      }
    }
    return handled;
  }

  /** Fetches and ingests the unseen mail of one mailbox once; returns how many messages were handled. */
  async pollOnce(url: URL, tenantId: string): Promise<number> {
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'imaps:' ? 993 : 143)),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      // Loopback/cluster-internal servers often run without TLS; imaps:// is the way to require it.
      tls: { rejectUnauthorized: url.protocol === 'imaps:' },
    });
    await client.connect();
    let handled = 0;
    try {
      const lock = await client.getMailboxLock(decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX');
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of uids) {
          if (this.stopped) break;
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          const metadata = { tenantId, actor: { kind: 'system' as const, id: 'imap' }, correlationId: uuidv7(), causationId: null, now: new Date().toISOString() };
          const flags = ['\\Seen'];
          try {
            const result = await this.email.ingest(message.source, metadata);
            if (!result.accepted) this.logger.log(`mail uid ${uid} ignored: ${result.automated.kind} (${result.automated.reason})`);
          } catch (error) {
            if (!(error instanceof InputValidationError)) throw error; // infrastructure trouble: leave unseen, retry next poll
            this.logger.warn(`mail uid ${uid} refused: ${error.message}`);
            flags.push('\\Flagged');
          }
          await client.messageFlagsAdd(String(uid), flags, { uid: true });
          handled++;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return handled;
  }
}
