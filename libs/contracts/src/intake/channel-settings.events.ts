import { arrayOf, defineEvent, nullable, object, oneOf, string } from '../ticket/events-kit';
import { CHANNELS, type Channel } from '../ticket/vocabulary';

/**
 * A tenant's own channel endpoints live in one stream, `channels-<tenantId>`: where its outbound
 * webhooks go and the key they are signed with, the SMTP relay its e-mail replies leave through,
 * and the IMAP mailboxes intake polls for it. Deployment-level INTAKE_* variables stay the default
 * for tenants (and channels) without settings of their own.
 *
 * Secrets never appear in clear: they are sealed (AES-256-GCM under the deployment's secrets key)
 * before the event is written, and carry a keyed fingerprint so a re-sent equal secret is no change.
 */
export const channelSettingsStream = 'channels';

export interface SealedSecret {
  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), only the deployment's secrets key opens it. */
  sealed: string;
  /** Keyed HMAC of the clear secret (base64url, shortened): equal secrets compare equal. */
  fingerprint: string;
}

export interface WebhookEndpointSetting {
  channel: Channel;
  url: string;
}

export interface SmtpRelaySetting {
  /** `smtp://host:port` or `smtps://host:port`, without credentials. */
  url: string;
  username: string | null;
  password: SealedSecret | null;
  /** Sender address of the tenant's replies. */
  from: string;
}

export interface MailboxSetting {
  mailboxId: string;
  /** `imap://host:port/MAILBOX` or `imaps://…`, without credentials. */
  url: string;
  username: string;
  password: SealedSecret;
}

/** One person's address for notices addressed to them (agent, senior, department lead). */
export interface StaffAddressSetting {
  recipientId: string;
  email: string;
}

/**
 * Where notices to staff (SLA warnings, breaches, escalations, overdue work) leave the platform:
 * e-mail to the person notified (directory) or to the supervisors' team address, else the signed
 * staff-notice webhook (signed with the tenant's webhook secret), e.g. the team's chat or paging bridge.
 */
export interface StaffNoticeSetting {
  webhookUrl: string | null;
  /** Address of notices to every supervisor (recipientId null), e.g. a team list. */
  supervisorsEmail: string | null;
  directory: StaffAddressSetting[];
}

export const CHANNEL_SETTING_FIELDS = ['webhookEndpoints', 'webhookSecret', 'smtp', 'mailboxes', 'staffNotices'] as const;
export type ChannelSettingField = (typeof CHANNEL_SETTING_FIELDS)[number];

export interface TenantChannelSettingsChangedData {
  tenantId: string;
  webhookEndpoints: WebhookEndpointSetting[];
  webhookSecret: SealedSecret | null;
  smtp: SmtpRelaySetting | null;
  mailboxes: MailboxSetting[];
  /** Staff-notice destinations; null = the deployment default (INTAKE_STAFF_*). */
  staffNotices: StaffNoticeSetting | null;
  /** Which settings this change altered (the rest is carried over unchanged). */
  changed: ChannelSettingField[];
  reason: string;
}

const sealedSecret = object<SealedSecret>(
  {
    sealed: string('The secret sealed with AES-256-GCM under the deployment key.', { maxLength: 4000, pattern: { regex: /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/, label: 'a sealed secret (v1.iv.tag.ciphertext)' } }),
    fingerprint: string('Keyed fingerprint of the clear secret.', { maxLength: 100 }),
  },
  'A secret, sealed; never in clear.',
  'SealedSecret',
);
const emailAddress = (description: string) => string(description, { maxLength: 320, pattern: { regex: /^[^@\s]+@[^@\s]+$/, label: 'an e-mail address' } });
const OUTBOUND_WEBHOOK_CHANNELS = CHANNELS.filter((c) => c !== 'email');
const noCredentials = (label: string, schemes: string) => ({
  regex: new RegExp(`^(${schemes})://[^/@\\s]+(/\\S*)?$`),
  label: `${label} without credentials`,
});

export const TenantChannelSettingsChanged = defineEvent<'TenantChannelSettingsChanged', TenantChannelSettingsChangedData>({
  type: 'TenantChannelSettingsChanged',
  schemaVersion: 2,
  upcasters: [{ fromVersion: 1, description: 'staffNotices added (null: the deployment default for staff notices).', upcast: (data) => ({ ...data, staffNotices: data.staffNotices ?? null }) }],
  summary: "A tenant changed its own channel endpoints (outbound webhooks and their signing secret, SMTP relay, IMAP mailboxes, staff-notice destinations); secrets are sealed, never in clear.",
  streamCategory: channelSettingsStream,
  producers: ['intake'],
  consumers: ['intake'],
  schema: {
    tenantId: string('The tenant configured.'),
    webhookEndpoints: arrayOf(
      object<WebhookEndpointSetting>(
        {
          channel: oneOf(OUTBOUND_WEBHOOK_CHANNELS, 'Channel whose messages go to this endpoint.'),
          url: string('Endpoint receiving signed webhooks.', { maxLength: 2000, pattern: { regex: /^https?:\/\/\S+$/, label: 'an http(s) URL' } }),
        },
        'Where messages on one channel are posted.',
        'WebhookEndpoint',
      ),
      'Webhook endpoint per channel (channels not listed use the deployment default).',
      { maxItems: OUTBOUND_WEBHOOK_CHANNELS.length },
    ),
    webhookSecret: nullable(sealedSecret),
    smtp: nullable(
      object<SmtpRelaySetting>(
        {
          url: string('SMTP relay.', { maxLength: 500, pattern: noCredentials('an smtp(s) URL', 'smtp|smtps') }),
          username: nullable(string('SMTP user.', { maxLength: 500 })),
          password: nullable(sealedSecret),
          from: string("Sender address of the tenant's replies.", { maxLength: 320, pattern: { regex: /^[^@\s]+@[^@\s]+$/, label: 'an e-mail address' } }),
        },
        "The tenant's SMTP relay (null: the deployment default).",
        'SmtpRelay',
      ),
    ),
    mailboxes: arrayOf(
      object<MailboxSetting>(
        {
          mailboxId: string('Id of the mailbox within the tenant.', { maxLength: 100 }),
          url: string('IMAP server and mailbox.', { maxLength: 500, pattern: noCredentials('an imap(s) URL', 'imap|imaps') }),
          username: string('IMAP user.', { maxLength: 500 }),
          password: sealedSecret,
        },
        'A mailbox intake polls for the tenant.',
        'Mailbox',
      ),
      'IMAP mailboxes polled for the tenant.',
      { maxItems: 20 },
    ),
    staffNotices: nullable(
      object<StaffNoticeSetting>(
        {
          webhookUrl: nullable(string('Endpoint receiving signed staff notices.', { maxLength: 2000, pattern: { regex: /^https?:\/\/\S+$/, label: 'an http(s) URL' } })),
          supervisorsEmail: nullable(emailAddress('Address of notices to every supervisor.')),
          directory: arrayOf(
            object<StaffAddressSetting>(
              { recipientId: string('Agent or department lead id.', { maxLength: 200 }), email: emailAddress('Their address for notices.') },
              "A person's address for notices.",
              'StaffAddress',
            ),
            'Addresses of the people notified.',
            { maxItems: 1000 },
          ),
        },
        'Where notices to staff go (null: the deployment default).',
        'StaffNotices',
      ),
    ),
    changed: arrayOf(oneOf(CHANNEL_SETTING_FIELDS, 'A setting.'), 'Which settings this change altered.', { maxItems: CHANNEL_SETTING_FIELDS.length }),
    reason: string('Why the settings changed (shown in the history).', { maxLength: 1000 }),
  },
  rules: (data) => [
    ...(data.changed.length > 0 ? [] : ['data.changed must name at least one setting']),
    ...(data.webhookEndpoints.length > 0 && data.webhookSecret === null ? ['data.webhookSecret is required when webhook endpoints are set: webhooks are signed'] : []),
    ...(new Set(data.webhookEndpoints.map((e) => e.channel)).size === data.webhookEndpoints.length ? [] : ['data.webhookEndpoints must name each channel once']),
    ...(new Set(data.mailboxes.map((m) => m.mailboxId)).size === data.mailboxes.length ? [] : ['data.mailboxes must name each mailboxId once']),
    ...(data.staffNotices?.webhookUrl && data.webhookSecret === null ? ['data.webhookSecret is required with a staff-notice webhook: webhooks are signed'] : []),
    ...(!data.staffNotices || new Set(data.staffNotices.directory.map((a) => a.recipientId)).size === data.staffNotices.directory.length
      ? []
      : ['data.staffNotices.directory must name each recipientId once']),
  ],
});
