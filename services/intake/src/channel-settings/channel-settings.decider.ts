import {
  CHANNEL_SETTING_FIELDS,
  TenantChannelSettingsChanged,
  stampEvent,
  streamId,
  type ChannelSettingField,
  type CommandMetadata,
  type EventEnvelope,
  type MailboxSetting,
  type NewEvent,
  type SealedSecret,
  type SmtpRelaySetting,
  type StaffNoticeSetting,
  type WebhookEndpointSetting,
} from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';
import { sameSettings } from '../settings-equality';

export interface ChannelSettingsValues {
  webhookEndpoints: WebhookEndpointSetting[];
  webhookSecret: SealedSecret | null;
  smtp: SmtpRelaySetting | null;
  mailboxes: MailboxSetting[];
  staffNotices: StaffNoticeSetting | null;
}

/** A tenant's channel settings (`channels-<tenantId>`), folded from its changes. */
export interface ChannelSettingsState {
  tenantId: string | null;
  settings: ChannelSettingsValues;
}

/** A secret left undefined keeps the one already set (for the same SMTP relay or mailbox id). */
export interface ChannelSettingsChange {
  webhookEndpoints?: WebhookEndpointSetting[];
  webhookSecret?: SealedSecret | null;
  smtp?: (Omit<SmtpRelaySetting, 'password'> & { password?: SealedSecret | null }) | null;
  mailboxes?: Array<Omit<MailboxSetting, 'password'> & { password?: SealedSecret }>;
  staffNotices?: StaffNoticeSetting | null;
}

export type ChannelSettingsCommand = {
  type: 'ChangeChannelSettings';
  metadata: CommandMetadata;
  data: { change: ChannelSettingsChange; reason: string };
};

/** A change that cannot be made as asked, naming the field (answered as 400). */
export class ChannelSettingsError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'ChannelSettingsError';
  }
}

export const channelSettingsStreamId = (tenantId: string) => streamId('channels', tenantId);

export const noChannelSettings = (): ChannelSettingsValues => ({ webhookEndpoints: [], webhookSecret: null, smtp: null, mailboxes: [], staffNotices: null });

/** Sealed text differs on every seal; equal secrets have equal fingerprints. */
function withoutSealedText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSealedText);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'sealed').map(([k, v]) => [k, withoutSealedText(v)]));
  }
  return value;
}
const same = (a: unknown, b: unknown) => sameSettings(withoutSealedText(a), withoutSealedText(b));

function nextSettings(current: ChannelSettingsValues, change: ChannelSettingsChange): ChannelSettingsValues {
  const smtp = change.smtp === undefined ? current.smtp : change.smtp === null ? null : { ...change.smtp, password: keepSmtpPassword(current.smtp, change.smtp) };
  const mailboxes =
    change.mailboxes === undefined
      ? current.mailboxes
      : change.mailboxes.map((mailbox, i) => {
          const password = mailbox.password ?? current.mailboxes.find((m) => m.mailboxId === mailbox.mailboxId)?.password;
          if (!password) throw new ChannelSettingsError(`mailboxes[${i}].password`, 'is required for a new mailbox');
          return { ...mailbox, password };
        });
  const webhookSecret = change.webhookSecret === undefined ? current.webhookSecret : change.webhookSecret;
  const webhookEndpoints = change.webhookEndpoints ?? current.webhookEndpoints;
  if (webhookEndpoints.length > 0 && webhookSecret === null) throw new ChannelSettingsError('webhook.secret', 'is required with webhook endpoints (webhooks are signed)');
  const staffNotices = change.staffNotices === undefined ? current.staffNotices : change.staffNotices;
  if (staffNotices?.webhookUrl && webhookSecret === null) throw new ChannelSettingsError('webhook.secret', 'is required with a staff-notice webhook (webhooks are signed)');
  return { webhookEndpoints, webhookSecret, smtp, mailboxes, staffNotices };
}

function keepSmtpPassword(current: SmtpRelaySetting | null, next: NonNullable<ChannelSettingsChange['smtp']>): SealedSecret | null {
  if (next.password !== undefined) return next.password;
  // Same relay and user: the password stays; another relay or user does not inherit it.
  return current && current.url === next.url && current.username === next.username ? current.password : null;
}

export const channelSettingsDecider: Decider<ChannelSettingsState, ChannelSettingsCommand> = {
  initialState: () => ({ tenantId: null, settings: noChannelSettings() }),

  evolve(state: ChannelSettingsState, event: EventEnvelope): ChannelSettingsState {
    if (!TenantChannelSettingsChanged.is(event)) return state;
    const { webhookEndpoints, webhookSecret, smtp, mailboxes, staffNotices } = event.data;
    return { tenantId: event.tenantId, settings: { webhookEndpoints, webhookSecret, smtp, mailboxes, staffNotices: staffNotices ?? null } };
  },

  decide(command: ChannelSettingsCommand, state: ChannelSettingsState): NewEvent[] {
    switch (command.type) {
      case 'ChangeChannelSettings': {
        const next = nextSettings(state.settings, command.data.change);
        const changed = CHANNEL_SETTING_FIELDS.filter((field: ChannelSettingField) => !same(next[field], state.settings[field]));
        if (changed.length === 0) return [];
        return [stampEvent(TenantChannelSettingsChanged, command.metadata, { tenantId: command.metadata.tenantId, ...next, changed, reason: command.data.reason })];
      }
      default: {
        const unknownCommand: never = command.type;
        throw new Error(`unknown channel settings command ${JSON.stringify(unknownCommand)}`);
      }
    }
  },
};
