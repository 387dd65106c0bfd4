import { defineEvent, integer, nullable, oneOf, string, timestamp } from '../events-kit';
import { SLA_PAUSE_REASONS, type SlaPauseReason, type SlaTarget } from '../vocabulary';
import { slaTarget, ticketId, ticketStream } from './shared-fields';

/* SLA clocks are deadlines, not timers: events carry absolute `dueAt`/`warnAt`, and whoever watches
 * the clock (routing) raises SlaWarningRaised / SlaBreached when the time comes. Pausing shifts both. */

const dueAt = timestamp('When the target is breached.');
const warnAt = timestamp('When a warning is raised ahead of the breach.');
const warnNotAfterDue = (data: { warnAt: string; dueAt: string }): string[] =>
  Date.parse(data.warnAt) <= Date.parse(data.dueAt) ? [] : ['data.warnAt must not be after data.dueAt'];

export interface SlaClockStartedData {
  ticketId: string;
  target: SlaTarget;
  /** The SLA policy that set the deadline, so reports can group by policy version. */
  policyId: string;
  dueAt: string;
  warnAt: string;
}

export const SlaClockStarted = defineEvent<'SlaClockStarted', SlaClockStartedData>({
  type: 'SlaClockStarted',
  summary: 'A deadline for an SLA target started (restarting a target replaces its clock).',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'feedback'],
  schema: { ticketId, target: slaTarget, policyId: string('The SLA policy (and version) applied.'), dueAt, warnAt },
  rules: warnNotAfterDue,
});

export const SLA_RETARGET_CAUSES = ['policy_changed', 'ticket_reclassified'] as const;
export type SlaRetargetCause = (typeof SLA_RETARGET_CAUSES)[number];

export interface SlaClockRetargetedData {
  ticketId: string;
  target: SlaTarget;
  cause: SlaRetargetCause;
  previousPolicyId: string;
  policyId: string;
  previousTargetMinutes: number | null;
  targetMinutes: number;
  previousDueAt: string;
  dueAt: string;
  warnAt: string;
  reason: string;
}

const targetMinutes = (description: string) => integer(description, { min: 1, max: 525_600 });

/* The audit record of a moved deadline sits on the ticket stream, in the same append as the
 * SlaClockStarted that moves it (the envelope's actor is whoever caused the move). Records written
 * before that lived in `routingsla-<ticketId>` with the same payload. */
export const SlaClockRetargeted = defineEvent<'SlaClockRetargeted', SlaClockRetargetedData>({
  type: 'SlaClockRetargeted',
  summary:
    "A running SLA clock moved to a new target because the tenant's policy changed or the ticket was reclassified; appended together with the SlaClockStarted that sets the new deadline, its actor is who caused the move.",
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'feedback'],
  schema: {
    ticketId,
    target: slaTarget,
    cause: oneOf(SLA_RETARGET_CAUSES, 'What made routing re-evaluate the clock.'),
    previousPolicyId: string('Policy the clock ran under.', { maxLength: 200 }),
    policyId: string('Policy the clock runs under now.', { maxLength: 200 }),
    previousTargetMinutes: nullable(targetMinutes('The old target in minutes (null if that policy no longer exists).')),
    targetMinutes: targetMinutes('The new target in minutes.'),
    previousDueAt: timestamp('The old deadline.'),
    dueAt: timestamp('The new deadline (counted from the clock start, pauses excluded).'),
    warnAt: timestamp('The new warning time.'),
    reason: string('Why, in words (who changed what).', { maxLength: 1000 }),
  },
  rules: warnNotAfterDue,
});

export interface SlaClockPausedData {
  ticketId: string;
  target: SlaTarget;
  reason: SlaPauseReason;
  /** Time left until `dueAt` when paused; negative never happens because breached clocks do not pause. */
  remainingMs: number;
}

export const SlaClockPaused = defineEvent<'SlaClockPaused', SlaClockPausedData>({
  type: 'SlaClockPaused',
  summary: 'A running SLA clock stopped counting (e.g. waiting for the customer).',
  streamCategory: ticketStream,
  producers: ['routing', 'resolution'],
  consumers: ['routing', 'feedback'],
  schema: {
    ticketId,
    target: slaTarget,
    reason: oneOf(SLA_PAUSE_REASONS, 'Why the clock stopped counting.'),
    remainingMs: integer('Milliseconds left until the deadline at the moment of pausing.', { min: 0 }),
  },
});

export interface SlaClockResumedData {
  ticketId: string;
  target: SlaTarget;
  pausedForMs: number;
  dueAt: string;
  warnAt: string;
}

export const SlaClockResumed = defineEvent<'SlaClockResumed', SlaClockResumedData>({
  type: 'SlaClockResumed',
  summary: 'A paused SLA clock counts again; its deadlines moved by the paused time.',
  streamCategory: ticketStream,
  producers: ['routing', 'intake', 'resolution'],
  consumers: ['routing', 'feedback'],
  schema: {
    ticketId,
    target: slaTarget,
    pausedForMs: integer('How long the clock was paused.', { min: 0 }),
    dueAt: timestamp('New deadline (old deadline + paused time).'),
    warnAt: timestamp('New warning time (old warning time + paused time).'),
  },
  rules: warnNotAfterDue,
});

export interface SlaWarningRaisedData {
  ticketId: string;
  target: SlaTarget;
  dueAt: string;
  remainingMs: number;
}

export const SlaWarningRaised = defineEvent<'SlaWarningRaised', SlaWarningRaisedData>({
  type: 'SlaWarningRaised',
  summary: 'An SLA deadline is near; at most once per clock.',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: { ticketId, target: slaTarget, dueAt, remainingMs: integer('Milliseconds left until the deadline.', { min: 0 }) },
});

export interface SlaBreachedData {
  ticketId: string;
  target: SlaTarget;
  dueAt: string;
  /** Who held the ticket when it breached, for agent KPIs; null when it sat in a queue. */
  assigneeId: string | null;
}

export const SlaBreached = defineEvent<'SlaBreached', SlaBreachedData>({
  type: 'SlaBreached',
  summary: 'An SLA deadline passed before its target was met; at most once per clock.',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: { ticketId, target: slaTarget, dueAt, assigneeId: nullable(string('Agent holding the ticket at the breach.')) },
});
