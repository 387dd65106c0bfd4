import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TenantChannelSettingsChanged, type Actor, type Channel, type ChannelSettingField, type CommandMetadata, type StaffNoticeSetting } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent } from '@ticketing/platform';
import type { Repository } from 'typeorm';
import {
  ChannelSettingsError,
  channelSettingsDecider,
  channelSettingsStreamId,
  noChannelSettings,
  type ChannelSettingsChange,
  type ChannelSettingsValues,
} from './channel-settings.decider';
import { TenantChannels } from './channel-settings.entity';
import type { ChannelSettingsRequest } from './channel-settings.requests';
import { SECRET_BOX, type SecretBox } from './secret-box';

/** What the API shows: everything but the secrets, of which only whether they are set. */
export interface ChannelSettingsView {
  webhook: { endpoints: Array<{ channel: Channel; url: string }>; secretSet: boolean };
  smtp: { url: string; username: string | null; from: string; passwordSet: boolean } | null;
  mailboxes: Array<{ mailboxId: string; url: string; username: string; passwordSet: boolean }>;
  staffNotices: StaffNoticeSetting | null;
  /** Revision of the tenant's `channels-<tenant>` stream; -1 = never set (deployment defaults). */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ChannelSettingsHistoryEntry {
  revision: number;
  occurredAt: string;
  actor: Actor;
  reason: string;
  changed: ChannelSettingField[];
  settings: Omit<ChannelSettingsView, 'revision' | 'updatedAt' | 'updatedBy'>;
}

/** A tenant's webhook endpoint for one channel, secret opened. */
export interface TenantWebhook {
  url: string;
  secret: string;
}

/** A tenant's SMTP relay, credentials opened; `key` identifies it for reusing connections. */
export interface TenantSmtp {
  key: string;
  url: string;
  from: string;
}

export interface TenantMailbox {
  tenantId: string;
  mailboxId: string;
  /** imap[s]://user:password@host:port/MAILBOX — for the IMAP client only, never logged. */
  url: URL;
}

export const CHANNEL_SETTINGS_REASON = 'changed through the API';

function viewOf(settings: ChannelSettingsValues): Omit<ChannelSettingsView, 'revision' | 'updatedAt' | 'updatedBy'> {
  return {
    webhook: { endpoints: settings.webhookEndpoints.map(({ channel, url }) => ({ channel, url })), secretSet: settings.webhookSecret !== null },
    smtp: settings.smtp ? { url: settings.smtp.url, username: settings.smtp.username, from: settings.smtp.from, passwordSet: settings.smtp.password !== null } : null,
    mailboxes: settings.mailboxes.map(({ mailboxId, url, username }) => ({ mailboxId, url, username, passwordSet: true })),
    staffNotices: settings.staffNotices ?? null,
  };
}

function duplicates<T>(items: T[], key: (item: T) => string, field: (i: number) => string) {
  const seen = new Set<string>();
  return items.flatMap((item, i) => (seen.has(key(item)) ? [{ field: field(i), message: 'is listed twice' }] : (seen.add(key(item)), [])));
}

/**
 * Per-tenant channel settings: changes are events on `channels-<tenantId>` (sealed secrets, actor,
 * reason); reads come from the tenant_channels projection. The delivery worker and the mailbox
 * poller ask here first and fall back to the deployment's INTAKE_* configuration.
 */
@Injectable()
export class ChannelSettingsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @InjectRepository(TenantChannels) private readonly rows: Repository<TenantChannels>,
  ) {}

  /** The request as a change: secrets sealed here, so the event never holds them in clear. */
  private changeOf(request: ChannelSettingsRequest): ChannelSettingsChange {
    const problems = [
      ...duplicates(request.webhook?.endpoints ?? [], (e) => e.channel, (i) => `webhook.endpoints[${i}].channel`),
      ...duplicates(request.mailboxes ?? [], (m) => m.mailboxId, (i) => `mailboxes[${i}].mailboxId`),
      ...duplicates(request.staffNotices?.directory ?? [], (a) => a.recipientId, (i) => `staffNotices.directory[${i}].recipientId`),
    ];
    if (problems.length > 0) throw new InputValidationError(problems);
    const change: ChannelSettingsChange = {};
    if (request.webhook) {
      change.webhookEndpoints = request.webhook.endpoints.map(({ channel, url }) => ({ channel, url }));
      if (request.webhook.secret !== undefined) change.webhookSecret = this.box.seal(request.webhook.secret);
    }
    if (request.smtp === null) change.smtp = null;
    else if (request.smtp) {
      const { url, username, password, from } = request.smtp;
      change.smtp = { url, username: username ?? null, from, ...(password !== undefined ? { password: this.box.seal(password) } : {}) };
    }
    if (request.mailboxes) {
      change.mailboxes = request.mailboxes.map(({ mailboxId, url, username, password }) => ({
        mailboxId,
        url,
        username,
        ...(password !== undefined ? { password: this.box.seal(password) } : {}),
      }));
    }
    if (request.staffNotices === null) change.staffNotices = null;
    else if (request.staffNotices) {
      const { webhookUrl, supervisorsEmail, directory } = request.staffNotices;
      change.staffNotices = {
        webhookUrl: webhookUrl ?? null,
        supervisorsEmail: supervisorsEmail ?? null,
        directory: (directory ?? []).map(({ recipientId, email }) => ({ recipientId, email })),
      };
    }
    return change;
  }

  async change(metadata: CommandMetadata, request: ChannelSettingsRequest): Promise<ChannelSettingsView> {
    let result;
    try {
      result = await handleCommand({
        store: this.store,
        streamId: channelSettingsStreamId(metadata.tenantId),
        decider: channelSettingsDecider,
        command: { type: 'ChangeChannelSettings', metadata, data: { change: this.changeOf(request), reason: request.reason ?? CHANNEL_SETTINGS_REASON } },
        validate: validateNewEvent,
      });
    } catch (error) {
      if (error instanceof ChannelSettingsError) throw new InputValidationError([{ field: error.field, message: error.message }]);
      throw error;
    }
    const last = result.newEvents.at(-1) ?? (await this.store.readStream(channelSettingsStreamId(metadata.tenantId))).at(-1);
    return {
      ...viewOf(result.state.settings),
      revision: result.nextExpectedRevision,
      updatedAt: last?.occurredAt ?? null,
      updatedBy: last ? `${last.actor.kind}:${last.actor.id}` : null,
    };
  }

  async view(tenantId: string): Promise<ChannelSettingsView> {
    const row = await this.rows.findOneBy({ tenantId });
    if (!row) return { ...viewOf(noChannelSettings()), revision: -1, updatedAt: null, updatedBy: null };
    return { ...viewOf(row.settings), revision: row.revision, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
  }

  /** Every change, oldest first, from the stream itself; secrets shown only as set or not. */
  async history(tenantId: string): Promise<ChannelSettingsHistoryEntry[]> {
    const events = await this.store.readStream(channelSettingsStreamId(tenantId));
    return events.flatMap((e) =>
      TenantChannelSettingsChanged.is(e) && e.tenantId === tenantId
        ? [{ revision: e.streamPosition, occurredAt: e.occurredAt, actor: e.actor, reason: e.data.reason, changed: e.data.changed, settings: viewOf(e.data) }]
        : [],
    );
  }

  async webhookFor(tenantId: string, channel: Channel): Promise<TenantWebhook | null> {
    const settings = (await this.rows.findOneBy({ tenantId }))?.settings;
    const endpoint = settings?.webhookEndpoints.find((e) => e.channel === channel);
    if (!settings || !endpoint || !settings.webhookSecret) return null;
    return { url: endpoint.url, secret: this.box.open(settings.webhookSecret) };
  }

  /** The tenant's staff-notice destinations (null: none of its own), and its webhook secret opened. */
  async staffNoticesFor(tenantId: string): Promise<{ settings: StaffNoticeSetting; webhookSecret: string | null } | null> {
    const settings = (await this.rows.findOneBy({ tenantId }))?.settings;
    if (!settings?.staffNotices) return null;
    return { settings: settings.staffNotices, webhookSecret: settings.webhookSecret ? this.box.open(settings.webhookSecret) : null };
  }

  async smtpFor(tenantId: string): Promise<TenantSmtp | null> {
    const smtp = (await this.rows.findOneBy({ tenantId }))?.settings.smtp;
    if (!smtp) return null;
    const url = new URL(smtp.url);
    if (smtp.username) url.username = encodeURIComponent(smtp.username);
    if (smtp.password) url.password = encodeURIComponent(this.box.open(smtp.password));
    return { key: `${smtp.url}|${smtp.username ?? ''}|${smtp.password?.fingerprint ?? ''}`, url: url.toString(), from: smtp.from };
  }

  /** Every tenant's mailboxes, credentials opened, for the poller. */
  async mailboxes(): Promise<TenantMailbox[]> {
    const rows = await this.rows.find({ order: { tenantId: 'ASC' } });
    return rows.flatMap((row) =>
      row.settings.mailboxes.map((m) => {
        const url = new URL(m.url);
        url.username = encodeURIComponent(m.username);
        url.password = encodeURIComponent(this.box.open(m.password));
        return { tenantId: row.tenantId, mailboxId: m.mailboxId, url };
      }),
    );
  }
}
