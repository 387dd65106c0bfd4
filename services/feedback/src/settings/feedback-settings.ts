import {
  FeedbackSettingsChanged,
  SATISFACTION_SCALE,
  stampEvent,
  type CommandMetadata,
  type EventEnvelope,
  type FeedbackSettingsChangedData,
  type NewEvent,
} from '@ticketing/contracts';

/** A tenant's feedback settings as configured (without the audit fields of the event). */
export type FeedbackSettings = Omit<FeedbackSettingsChangedData, 'tenantId' | 'reason'>;

/** What a tenant gets until it configures otherwise. */
export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  surveys: {
    enabled: true,
    delayMinutes: 60,
    channel: 'ticket',
    minIntervalHours: 7 * 24,
    answerDeadlineHours: 7 * 24,
    lowRatingThreshold: SATISFACTION_SCALE.dissatisfiedAtOrBelow,
  },
  callbacks: { enabled: true, delayMinutes: 24 * 60, graceMinutes: 24 * 60, complexCategories: ['account_security', 'technical_fault', 'refund'] },
};

/** The folded `feedback-<tenantId>` stream. */
export interface FeedbackConfig {
  settings: FeedbackSettings;
  /** How many times the settings were changed (0 = defaults). */
  revision: number;
}

export type FeedbackConfigCommand = { type: 'ChangeFeedbackSettings'; metadata: CommandMetadata; data: FeedbackSettings & { reason: string } };

export const initialFeedbackConfig = (): FeedbackConfig => ({ settings: DEFAULT_FEEDBACK_SETTINGS, revision: 0 });

export function evolveFeedbackConfig(config: FeedbackConfig, event: EventEnvelope): FeedbackConfig {
  if (FeedbackSettingsChanged.is(event)) {
    const { surveys, callbacks } = event.data;
    return { settings: { surveys, callbacks }, revision: config.revision + 1 };
  }
  return config;
}

/** Pure: the tenant's feedback settings stream is only ever written through this. */
export function decideFeedbackConfig(command: FeedbackConfigCommand, _config: FeedbackConfig): NewEvent[] {
  switch (command.type) {
    case 'ChangeFeedbackSettings': {
      const { metadata, data } = command;
      return [stampEvent(FeedbackSettingsChanged, metadata, { tenantId: metadata.tenantId, surveys: data.surveys, callbacks: data.callbacks, reason: data.reason })];
    }
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const feedbackConfigDecider = { decide: decideFeedbackConfig, evolve: evolveFeedbackConfig, initialState: initialFeedbackConfig };
