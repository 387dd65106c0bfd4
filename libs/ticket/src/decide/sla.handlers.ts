import type { NewTicketEvent, SlaPauseReason, SlaTarget } from '@ticketing/contracts';
import type {
  PauseSlaClock,
  RaiseSlaWarning,
  RecordSlaBreach,
  ResumeSlaClock,
  RetargetSlaClock,
  StartSlaClock,
} from '../commands/ticket-commands';
import { SlaClockNotPausedError, SlaClockNotRunningError, SlaNotDueError } from '../ticket-errors';
import type { SlaClock, Ticket } from '../ticket-state';
import { ACTIVE, msBetween, requireStatus, shiftIso, type DecisionContext } from './decision-context';

function runningClock(ticket: Ticket, target: SlaTarget): SlaClock {
  const clock = ticket.slaClocks[target];
  if (!clock || clock.state !== 'running') throw new SlaClockNotRunningError(ticket.ticketId, target);
  return clock;
}

export function pauseClockEvent(ticket: Ticket, target: SlaTarget, reason: SlaPauseReason, ctx: DecisionContext): NewTicketEvent {
  const clock = runningClock(ticket, target);
  const remainingMs = Math.max(0, -msBetween(clock.dueAt, ctx.now));
  return ctx.emit('SlaClockPaused', { ticketId: ticket.ticketId, target, reason, remainingMs });
}

/** Resuming moves both deadlines by the time spent paused, so waiting on the customer costs nothing. */
export function resumeClockEvent(ticket: Ticket, target: SlaTarget, ctx: DecisionContext): NewTicketEvent {
  const clock = ticket.slaClocks[target];
  if (!clock || clock.state !== 'paused' || clock.pausedAt === null) throw new SlaClockNotPausedError(ticket.ticketId, target);
  const pausedForMs = Math.max(0, msBetween(clock.pausedAt, ctx.now));
  return ctx.emit('SlaClockResumed', {
    ticketId: ticket.ticketId,
    target,
    pausedForMs,
    dueAt: shiftIso(clock.dueAt, pausedForMs),
    warnAt: shiftIso(clock.warnAt, pausedForMs),
  });
}

/** The targets whose clocks currently match `predicate`, in a stable order. */
export function clocksWhere(ticket: Ticket, predicate: (clock: SlaClock) => boolean): SlaTarget[] {
  return (Object.entries(ticket.slaClocks) as [SlaTarget, SlaClock][])
    .filter(([, clock]) => predicate(clock))
    .map(([target]) => target)
    .sort();
}

export function startSlaClock(command: StartSlaClock, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  return [ctx.emit('SlaClockStarted', { ticketId: ticket.ticketId, ...command.data })];
}

/**
 * A running clock moves to a new policy or target (the tenant's policies changed, or the ticket was
 * reclassified): the new deadline and the record of why it moved land in one append, so the
 * ticket's own history explains every deadline move. Re-deciding a move already made (a timer that
 * fired twice) decides nothing.
 */
export function retargetSlaClock(command: RetargetSlaClock, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  const { target, policyId, dueAt, warnAt } = command.data;
  const clock = runningClock(ticket, target);
  if (clock.policyId === policyId && Date.parse(clock.dueAt) === Date.parse(dueAt) && Date.parse(clock.warnAt) === Date.parse(warnAt)) return [];
  return [
    ctx.emit('SlaClockStarted', { ticketId: ticket.ticketId, target, policyId, dueAt, warnAt }),
    ctx.emit('SlaClockRetargeted', { ticketId: ticket.ticketId, ...command.data, previousPolicyId: clock.policyId, previousDueAt: clock.dueAt }),
  ];
}

export function pauseSlaClock(command: PauseSlaClock, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  return [pauseClockEvent(ticket, command.data.target, command.data.reason, ctx)];
}

export function resumeSlaClock(command: ResumeSlaClock, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  requireStatus(ticket, command, ACTIVE);
  return [resumeClockEvent(ticket, command.data.target, ctx)];
}

/* Warning and breach come from timers that may fire twice (at-least-once) or late: a repeat is a
 * no-op, but a timer firing before the (possibly shifted) deadline is refused as stale. */

export function raiseSlaWarning(command: RaiseSlaWarning, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { target } = command.data;
  const clock = runningClock(ticket, target);
  if (clock.warned || clock.breached) return [];
  if (ctx.now < Date.parse(clock.warnAt)) throw new SlaNotDueError(ticket.ticketId, target, clock.warnAt);
  const remainingMs = Math.max(0, -msBetween(clock.dueAt, ctx.now));
  return [ctx.emit('SlaWarningRaised', { ticketId: ticket.ticketId, target, dueAt: clock.dueAt, remainingMs })];
}

export function recordSlaBreach(command: RecordSlaBreach, ticket: Ticket, ctx: DecisionContext): NewTicketEvent[] {
  const { target } = command.data;
  const clock = runningClock(ticket, target);
  if (clock.breached) return [];
  if (ctx.now < Date.parse(clock.dueAt)) throw new SlaNotDueError(ticket.ticketId, target, clock.dueAt);
  return [ctx.emit('SlaBreached', { ticketId: ticket.ticketId, target, dueAt: clock.dueAt, assigneeId: ticket.assigneeId })];
}
