import { CallbackCompleted, CallbackMissed, CallbackScheduled } from './callback.events';
import { FeedbackSettingsChanged } from './feedback-settings.events';

export * from './callback.events';
export * from './feedback-settings.events';

/** Feedback's own streams: the tenant's feedback settings and callbacks after resolution. */
export const feedbackEventDefinitions = [FeedbackSettingsChanged, CallbackScheduled, CallbackCompleted, CallbackMissed] as const;
