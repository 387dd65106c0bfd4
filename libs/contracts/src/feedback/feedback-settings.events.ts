import { arrayOf, boolean, defineEvent, integer, object, oneOf, string } from '../ticket/events-kit';
import { CATEGORIES, CHANNELS, SATISFACTION_SCALE, type Category, type Channel } from '../ticket/vocabulary';

/* A tenant's feedback settings live in one stream, `feedback-<tenantId>`: when and how surveys go
 * out after a resolution, what counts as a low rating, and who gets a callback. */

export const feedbackConfigStream = 'feedback';

export const SURVEY_CHANNEL_CHOICES = ['ticket', ...CHANNELS] as const;
/** `ticket`: the channel the ticket came in on. */
export type SurveyChannelChoice = 'ticket' | Channel;

export interface SurveySettings {
  /** Off: no automatic surveys (supervisors can still send one by hand). */
  enabled: boolean;
  /** Minutes after the resolution the survey goes out. */
  delayMinutes: number;
  channel: SurveyChannelChoice;
  /** No automatic survey to the same customer more often than this (hours; 0 = no limit). */
  minIntervalHours: number;
  /** How long the customer may answer (hours after sending). */
  answerDeadlineHours: number;
  /** A rating at or below this asks for a second service. */
  lowRatingThreshold: number;
}

export interface CallbackSettings {
  enabled: boolean;
  /** Minutes after the resolution the callback is due. */
  delayMinutes: number;
  /** A callback not completed this long after it was due is recorded as missed. */
  graceMinutes: number;
  /** Categories whose tickets count as complex (besides escalated tickets). */
  complexCategories: Category[];
}

export interface FeedbackSettingsChangedData {
  tenantId: string;
  surveys: SurveySettings;
  callbacks: CallbackSettings;
  reason: string;
}

const WEEK_MINUTES = 7 * 24 * 60;

export const FeedbackSettingsChanged = defineEvent<'FeedbackSettingsChanged', FeedbackSettingsChangedData>({
  type: 'FeedbackSettingsChanged',
  summary: 'A tenant replaced its feedback settings: automatic surveys (delay, channel, interval, deadline, low-rating threshold) and callbacks.',
  streamCategory: feedbackConfigStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    tenantId: string('The tenant configured.'),
    surveys: object<SurveySettings>(
      {
        enabled: boolean('Whether surveys go out automatically after a resolution.'),
        delayMinutes: integer('Minutes after the resolution.', { min: 0, max: WEEK_MINUTES }),
        channel: oneOf(SURVEY_CHANNEL_CHOICES, "Channel to send on; `ticket` = the ticket's own channel."),
        minIntervalHours: integer('Least hours between automatic surveys to one customer (0 = no limit).', { min: 0, max: 24 * 366 }),
        answerDeadlineHours: integer('Hours the customer has to answer.', { min: 1, max: 24 * 90 }),
        lowRatingThreshold: integer('Ratings at or below this ask for a second service.', { min: SATISFACTION_SCALE.min, max: SATISFACTION_SCALE.max - 1 }),
      },
      'Automatic surveys after resolution.',
      'SurveySettings',
    ),
    callbacks: object<CallbackSettings>(
      {
        enabled: boolean('Whether complaint, complex and VIP tickets get a callback after resolution.'),
        delayMinutes: integer('Minutes after the resolution the callback is due.', { min: 0, max: WEEK_MINUTES }),
        graceMinutes: integer('Minutes after the due time before it counts as missed.', { min: 1, max: WEEK_MINUTES }),
        complexCategories: arrayOf(oneOf(CATEGORIES, 'Category.'), 'Categories that make a ticket complex.', { maxItems: CATEGORIES.length }),
      },
      'Callbacks after resolution.',
      'CallbackSettings',
    ),
    reason: string('Why the settings changed.', { maxLength: 1000 }),
  },
});
