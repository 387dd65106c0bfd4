import { arrayOf, boolean, defineEvent, nullable, oneOf, string, timestamp } from '../ticket/events-kit';

/* Callbacks after resolution: one stream per ticket, `callback-<ticketId>`, holding every callback
 * the ticket got (one per qualifying resolution). */

export const callbackStream = 'callback';

export const CALLBACK_REASONS = ['complaint', 'complex', 'vip'] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];

export const CALLBACK_OUTCOMES = ['reached_satisfied', 'reached_unsatisfied', 'no_answer', 'voicemail', 'declined'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

const callbackId = string('Id of the callback (the id of the resolution event that caused it).', { maxLength: 200 });
const ticketId = string('The ticket called back about.', { maxLength: 200 });

export interface CallbackScheduledData {
  callbackId: string;
  ticketId: string;
  customerId: string;
  reasons: CallbackReason[];
  /** Who should call: the resolving agent. */
  assignee: string;
  dueAt: string;
}

export const CallbackScheduled = defineEvent<'CallbackScheduled', CallbackScheduledData>({
  type: 'CallbackScheduled',
  summary: 'A complaint, complex or VIP ticket was resolved: someone is to call the customer back by dueAt.',
  streamCategory: callbackStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    callbackId,
    ticketId,
    customerId: string('The customer to call.', { maxLength: 200 }),
    reasons: arrayOf(oneOf(CALLBACK_REASONS, 'Why.'), 'Why the ticket gets a callback.', { maxItems: CALLBACK_REASONS.length }),
    assignee: string('Staff member who should call.', { maxLength: 200 }),
    dueAt: timestamp('When the call is due.'),
  },
});

export interface CallbackCompletedData {
  callbackId: string;
  ticketId: string;
  completedBy: string;
  outcome: CallbackOutcome;
  note: string | null;
  /** Completed after it had been recorded as missed. */
  late: boolean;
}

export const CallbackCompleted = defineEvent<'CallbackCompleted', CallbackCompletedData>({
  type: 'CallbackCompleted',
  summary: 'Someone called the customer back: who, the outcome and a note.',
  streamCategory: callbackStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    callbackId,
    ticketId,
    completedBy: string('Who called.', { maxLength: 200 }),
    outcome: oneOf(CALLBACK_OUTCOMES, 'How the call went.'),
    note: nullable(string('What was said or agreed.', { maxLength: 5000 })),
    late: boolean('Completed after it was recorded as missed.'),
  },
});

export interface CallbackMissedData {
  callbackId: string;
  ticketId: string;
  assignee: string;
  dueAt: string;
}

export const CallbackMissed = defineEvent<'CallbackMissed', CallbackMissedData>({
  type: 'CallbackMissed',
  summary: 'A callback was not completed within the grace period after it was due; it shows in the missed list.',
  streamCategory: callbackStream,
  producers: ['feedback'],
  consumers: ['feedback'],
  schema: {
    callbackId,
    ticketId,
    assignee: string('Who should have called.', { maxLength: 200 }),
    dueAt: timestamp('When the call was due.'),
  },
});
