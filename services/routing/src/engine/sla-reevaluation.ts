import type { CommandMetadata, SlaRetargetCause, SlaTarget } from '@ticketing/contracts';
import { consumed, deadline, type SlaFacts } from '@ticketing/sla';
import type { Ticket, TicketCommand } from '@ticketing/ticket';
import { policyById, policyFor, TARGET_MINUTES, type RoutingSettings } from '../settings/routing-settings';
import type { ClockView } from '../tickets/routing-ticket.entity';

const iso = (ms: number) => new Date(ms).toISOString();
const ACTIVE: readonly Ticket['status'][] = ['new', 'open', 'pending_customer', 'pending_third_party'];

export function slaFacts(ticket: Pick<Ticket, 'channelClass' | 'priority' | 'customerTier' | 'category'>): SlaFacts {
  return { channelClass: ticket.channelClass, priority: ticket.priority, customerTier: ticket.customerTier, category: ticket.category };
}

/** StartSlaClock commands for `targets` under the ticket's policy, counted from `from`. */
export function clockCommands(ticket: Ticket, settings: RoutingSettings, metadata: CommandMetadata, targets: SlaTarget[], from: number): TicketCommand[] {
  const resolved = policyFor(settings, slaFacts(ticket));
  if (!resolved) return [];
  return targets.flatMap((target): TicketCommand[] => {
    const minutes = resolved.policy.targets[TARGET_MINUTES[target]];
    if (!minutes) return [];
    const spec = { startedAt: from, targetMs: minutes * 60_000, basis: resolved.basis };
    const due = deadline(spec, []);
    const warn = deadline(spec, [], resolved.policy.warnAtShare);
    if (due.state !== 'running' || warn.state !== 'running') return [];
    return [{ type: 'StartSlaClock', ticketId: ticket.ticketId, metadata, data: { target, policyId: resolved.policy.policyId, dueAt: iso(due.dueAt), warnAt: iso(warn.dueAt) } }];
  });
}

/** The agent's last message to the customer (reply, question or progress update), if any. */
const lastTouch = (ticket: Ticket): number | null => (ticket.lastAgentMessageAt === null ? null : Date.parse(ticket.lastAgentMessageAt));

/**
 * Whether the progress-update clock is superseded: the agent has written to the customer since it
 * started, so a restart is due and its old warning/breach no longer apply.
 */
export function progressClockSuperseded(ticket: Ticket): boolean {
  const clock = ticket.slaClocks.progress_update;
  const touched = lastTouch(ticket);
  return clock !== undefined && touched !== null && Date.parse(clock.startedAt) < touched;
}

/**
 * The periodic progress-update target ("update the customer every N minutes while open"): the
 * clock restarts from every agent reply, question or progress update, and pauses and resumes with
 * the resolution clock (waiting on the customer or a third party). Idempotent: a restart already
 * made, or a pause already mirrored, decides nothing.
 */
export function progressUpdateCommands(ticket: Ticket, settings: RoutingSettings, metadata: CommandMetadata): TicketCommand[] {
  if (!ACTIVE.includes(ticket.status)) return [];
  const clock = ticket.slaClocks.progress_update;
  const commands: TicketCommand[] = [];
  let state = clock?.state ?? 'stopped';
  if (state === 'stopped' || progressClockSuperseded(ticket)) {
    const started = clockCommands(ticket, settings, metadata, ['progress_update'], lastTouch(ticket) ?? Date.parse(ticket.openedAt));
    if (started.length === 0) return [];
    commands.push(...started);
    state = 'running';
  }
  const resolution = ticket.slaClocks.resolution;
  if (resolution?.state === 'paused' && state === 'running') {
    commands.push({ type: 'PauseSlaClock', ticketId: ticket.ticketId, metadata, data: { target: 'progress_update', reason: resolution.pauseReason ?? 'manual' } });
  } else if (resolution?.state === 'running' && state === 'paused') {
    commands.push({ type: 'ResumeSlaClock', ticketId: ticket.ticketId, metadata, data: { target: 'progress_update' } });
  }
  return commands;
}

export interface Retarget {
  target: SlaTarget;
  previousPolicyId: string;
  policyId: string;
  previousTargetMinutes: number | null;
  targetMinutes: number;
  previousDueAt: number;
  dueAt: number;
  warnAt: number;
}

/**
 * Running clocks whose target the ticket's policy now sets differently (another policy matches
 * after a settings change or a reclassification, or the policy's minutes changed): the new
 * deadline counts from the clock's original start with its recorded pauses, on the new policy's
 * calendar. Clocks whose policy and target stay the same are left alone.
 */
export function retargets(ticket: Ticket, views: Record<string, ClockView>, settings: RoutingSettings): Retarget[] {
  if (!ACTIVE.includes(ticket.status)) return [];
  const resolved = policyFor(settings, slaFacts(ticket));
  if (!resolved) return [];
  const out: Retarget[] = [];
  for (const [target, clock] of Object.entries(ticket.slaClocks) as [SlaTarget, NonNullable<Ticket['slaClocks'][SlaTarget]>][]) {
    const view = views[target];
    if (clock.state !== 'running' || !view || view.state !== 'running') continue;
    if (target === 'progress_update' && progressClockSuperseded(ticket)) continue;
    const minutes = resolved.policy.targets[TARGET_MINUTES[target]];
    if (!minutes) continue;
    const previousDueAt = Date.parse(clock.dueAt);
    // The old target as clock time between start and old deadline (pauses excluded), on the old basis.
    const oldBasis = policyById(settings, clock.policyId)?.basis ?? resolved.basis;
    const previousTargetMinutes = view.targetMinutes ?? Math.round(consumed({ startedAt: view.startedAt, targetMs: 0, basis: oldBasis }, view.pauses, previousDueAt) / 60_000);
    if (resolved.policy.policyId === clock.policyId && previousTargetMinutes === minutes) continue;
    const spec = { startedAt: view.startedAt, targetMs: minutes * 60_000, basis: resolved.basis };
    const due = deadline(spec, view.pauses);
    const warn = deadline(spec, view.pauses, resolved.policy.warnAtShare);
    if (due.state !== 'running' || warn.state !== 'running') continue;
    out.push({
      target, previousPolicyId: clock.policyId, policyId: resolved.policy.policyId, previousTargetMinutes: previousTargetMinutes > 0 ? previousTargetMinutes : null,
      targetMinutes: minutes, previousDueAt, dueAt: due.dueAt, warnAt: Math.min(warn.dueAt, due.dueAt),
    });
  }
  return out;
}

/** The ticket command that moves the clock and records why (`metadata.actor` is who caused the move). */
export function retargetCommand(ticket: Ticket, r: Retarget, metadata: CommandMetadata, why: { cause: SlaRetargetCause; reason: string }): TicketCommand {
  return {
    type: 'RetargetSlaClock',
    ticketId: ticket.ticketId,
    metadata,
    data: {
      target: r.target, policyId: r.policyId, dueAt: iso(r.dueAt), warnAt: iso(r.warnAt), cause: why.cause,
      previousTargetMinutes: r.previousTargetMinutes, targetMinutes: r.targetMinutes, reason: why.reason,
    },
  };
}
