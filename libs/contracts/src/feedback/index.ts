import { CallbackCompleted, CallbackMissed, CallbackScheduled } from './callback.events';
import { FeedbackSettingsChanged } from './feedback-settings.events';
import { AgentFlaggedForCoaching, QaReviewSubmitted, QaScorecardDefined, TicketSampledForReview } from './qa.events';

export * from './callback.events';
export * from './feedback-settings.events';
export * from './qa.events';

/** Feedback's own streams: the tenant's feedback settings, callbacks after resolution, QA reviews. */
export const feedbackEventDefinitions = [
  FeedbackSettingsChanged,
  CallbackScheduled,
  CallbackCompleted,
  CallbackMissed,
  QaScorecardDefined,
  TicketSampledForReview,
  QaReviewSubmitted,
  AgentFlaggedForCoaching,
] as const;
