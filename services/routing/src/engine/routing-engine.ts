import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { streamId, type Actor, type CommandMetadata, type SlaRetargetCause, type SlaTarget } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { sharesOneSession } from '@ticketing/messaging';
import { DurableTimerScheduler, EVENT_STORE, validateNewEvent, type ClaimedTimer as DurableClaimedTimer, type TimerOutcome } from '@ticketing/platform';
import { deadline } from '@ticketing/sla';
import { SlaNotDueError, TicketDomainError, type Ticket, type TicketCommand } from '@ticketing/ticket';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AgentRosterEntry } from '../agent-roster/agent-roster.entity';
import { runInLanes } from '../assignment/agent-lanes';
import { assignManyWithinCapacity, type SlotOutcome } from '../assignment/capacity-reservation';
import { AgentPool, planAssignments, type PlannedAssignment } from '../assignment/plan-assignments';
import { tierOf } from '../assignment/queue-order';
import type { AgentSnapshot, QueuedTicket } from '../assignment/routing-model';
import { loadSettings } from '../settings/routing-settings.projection';
import { groupFor, groupsOf, policyById, TARGET_MINUTES, type RoutingSettings } from '../settings/routing-settings';
import { RoutingTicket } from '../tickets/routing-ticket.entity';
import { escalationRecipient } from '../notices/routing-notifier.policy';
import { routingTimers, type TimerKind } from '../timers/routing-timer.entity';
import { clockCommands, progressClockSuperseded, progressUpdateCommands, retargetCommand, retargets, type Retarget } from './sla-reevaluation';
import { planDecider } from './ticket-plan';

/** Injection token for routing's clock (epoch ms), so tests drive SLA time without sleeping. */
export const ROUTING_CLOCK = Symbol('ROUTING_CLOCK');
export type RoutingClock = () => number;

type ClaimedTimer = DurableClaimedTimer<TimerKind>;

const DONE: TimerOutcome = { done: true };
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Routing's worker: a durable-timer scheduler whose timers the projections write. Each timer
 * kind is one decision — route a new ticket (queue + SLA clocks), dispatch a tenant's queues,
 * raise an SLA warning or breach, escalate along the chain, hand back an absent agent's unstarted
 * tickets, re-anchor a business-hours clock after a pause, start a next-response clock.
 * Every decision is an event with its reason, appended through handleCommand.
 */
@Injectable()
export class RoutingEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingEngine.name);
  readonly scheduler: DurableTimerScheduler<TimerKind>;
  private readonly clock: RoutingClock;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(ROUTING_CLOCK) clock?: RoutingClock,
  ) {
    this.clock = clock ?? Date.now;
    this.scheduler = new DurableTimerScheduler<TimerKind>(
      dataSource,
      routingTimers,
      {
        route: (t) => this.route(t),
        dispatch: (t) => this.dispatch(t.tenantId),
        sla_warning: (t) => this.slaTimer(t, 'warning'),
        sla_breach: (t) => this.slaTimer(t, 'breach'),
        sla_reanchor: (t) => this.reanchor(t),
        next_response: (t) => this.nextResponse(t),
        progress_update: (t) => this.progressUpdate(t),
        sla_retarget: (t) => this.retarget(t),
        escalate: (t) => this.escalate(t),
        hand_back: (t) => this.handBack(t),
      },
      { owner: `routing-${randomUUID()}`, clock: this.clock, idleMs: Number(process.env.ROUTING_TIMER_POLL_MS ?? 200) },
    );
  }

  onApplicationBootstrap(): void {
    if (process.env.ROUTING_SCHEDULER !== 'off') this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }

  private metadata(tenantId: string, causationId: string | null = null): CommandMetadata {
    return { tenantId, actor: { kind: 'service', id: 'routing' }, correlationId: randomUUID(), causationId, now: iso(this.clock()) };
  }

  /** Plans commands from the ticket's own state and appends them; domain refusals mean "nothing to do". */
  async onTicket(tenantId: string, ticketId: string, plan: (ticket: Ticket, metadata: CommandMetadata) => TicketCommand[]): Promise<number> {
    const metadata = this.metadata(tenantId);
    try {
      const result = await handleCommand({
        store: this.store,
        streamId: streamId('ticket', ticketId),
        decider: planDecider((ticket) => (ticket.tenantId === tenantId ? plan(ticket, metadata) : [])),
        command: null,
        validate: validateNewEvent,
      });
      return result.newEvents.length;
    } catch (error) {
      if (error instanceof TicketDomainError && !(error instanceof SlaNotDueError)) {
        this.logger.debug(`ticket ${ticketId}: ${error.message}`);
        return 0;
      }
      throw error;
    }
  }

  /** Routes a new ticket; after a reclassification (target `reclassified`) also moves an assigned one. */
  private async route(timer: ClaimedTimer): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const settings = await loadSettings(manager, timer.tenantId);
    const row = timer.target === 'reclassified' ? await manager.findOneBy(RoutingTicket, { ticketId: timer.subject }) : null;
    const assignee = row?.assigneeId ? await manager.findOneBy(AgentRosterEntry, { tenantId: timer.tenantId, agentId: row.assigneeId }) : null;
    await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) =>
      routeCommands(ticket, settings, metadata, this.clock(), timer.target === 'reclassified' ? { assigneeSkills: assignee?.agentId === ticket.assigneeId ? assignee.skillLevels : {} } : undefined),
    );
    return DONE;
  }

  /** One dispatch round per tenant at a time: the dispatch timer is the tenant's lock. */
  async dispatch(tenantId: string): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const settings = await loadSettings(manager, tenantId);
    const [queue, agents] = await Promise.all([queuedTickets(manager, tenantId, settings), agentSnapshots(manager, tenantId)]);
    if (queue.length === 0) return DONE;
    const plan = planAssignments(queue, groupsOf(settings), new AgentPool(agents), this.clock());
    const channels = new Map(queue.map((q) => [q.ticketId, q.channel]));
    // Each agent's assignments in plan order, in batches booked under one lock and transaction;
    // different agents in parallel (each takes its own agent's row lock), one agent's batches one
    // after another. Every planned assignment is attempted even if another fails.
    const batches = agentBatches(plan, DISPATCH_BATCH);
    const settled = await runInLanes(batches, (batch) => batch[0].agentId, dispatchConcurrency(this.dataSource), (batch) => this.persistAssignments(tenantId, batch, channels));
    // A batch whose transaction failed as a whole failed for each of its assignments.
    const results = settled.flatMap((r, i): SlotOutcome[] => (r.ok ? r.value : batches[i].map(() => r)));
    const failed = results.filter((r): r is { ok: false; error: unknown } => !r.ok);
    if (failed.length > 0) {
      // The others are durable; the timer fires again with backoff and plans what is still queued.
      const first = failed[0].error;
      throw new Error(`dispatch ${tenantId}: ${failed.length} of ${plan.length} assignments failed: ${(first as Error)?.message ?? String(first)}`, { cause: first });
    }
    // Someone took a slot meanwhile (a pull): plan the rest again shortly.
    return results.some((r) => r.ok && !r.value) ? { retryAt: this.clock() + 1_000 } : DONE;
  }

  /**
   * Makes planned assignments of one agent durable: the plan booked load in memory; the
   * reservations book it for real, against manual pulls and other replicas too, and each
   * TicketAssigned is appended under them. One outcome per assignment: false when the agent is full
   * by now or the ticket was no longer waiting in that group.
   */
  protected async persistAssignments(tenantId: string, batch: readonly PlannedAssignment[], channels: ReadonlyMap<string, string>): Promise<SlotOutcome[]> {
    const byTicket = new Map(batch.map((p) => [p.ticketId, p]));
    return assignManyWithinCapacity(
      this.dataSource, tenantId, batch[0].agentId, batch.map((p) => ({ ticketId: p.ticketId, channel: channels.get(p.ticketId) as string })), this.clock(),
      (ticketId) => {
        const p = byTicket.get(ticketId) as PlannedAssignment;
        return this.onTicket(tenantId, ticketId, (ticket, metadata) =>
          ticket.assigneeId === null && ticket.groupId === p.groupId
            ? [{ type: 'AssignTicket', ticketId, metadata, data: { agentId: p.agentId, groupId: p.groupId, reason: p.reason, explanation: p.explanation } }]
            : [],
        );
      },
    );
  }

  private async slaTimer(timer: ClaimedTimer, kind: 'warning' | 'breach'): Promise<TimerOutcome> {
    const target = timer.target as SlaTarget;
    try {
      // The assignee's notice is a reaction to the SlaWarningRaised (RoutingNotifier), not a write here.
      await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) => {
        const clock = ticket.slaClocks[target];
        if (!clock || clock.state !== 'running') return [];
        // A progress-update clock the agent has already met (restart pending) no longer warns or breaches.
        if (target === 'progress_update' && progressClockSuperseded(ticket)) return [];
        if (target === 'next_response' && !nextResponseCurrent(ticket)) return [];
        return [{ type: kind === 'warning' ? 'RaiseSlaWarning' : 'RecordSlaBreach', ticketId: ticket.ticketId, metadata, data: { target } }];
      });
      return DONE;
    } catch (error) {
      // Fired before a deadline that moved: the projection has rescheduled it; check back later anyway.
      if (error instanceof SlaNotDueError) return { retryAt: this.clock() + 60_000 };
      throw error;
    }
  }

  private async escalate(timer: ClaimedTimer): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const settings = await loadSettings(manager, timer.tenantId);
    const row = await manager.findOneBy(RoutingTicket, { ticketId: timer.subject });
    if (!row || row.state === 'done') return DONE;
    const step = settings.escalationChain[row.escalationLevel];
    if (!step) return DONE;
    const recipientId = await escalationRecipient(manager, row, step.notify);
    const note = `SLA breach, escalation step ${row.escalationLevel + 1}: notify ${step.notify}${recipientId ? ` ${recipientId}` : ' (all supervisors)'}`;
    const level = row.escalationLevel;
    // The notice follows from the TicketEscalated (RoutingNotifier), so a crash after this append loses nothing.
    await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) =>
      // Idempotent: only the step the ticket is still waiting for.
      ticket.escalationLevel === level
        ? [{ type: 'EscalateTicket', ticketId: ticket.ticketId, metadata, data: { reason: 'sla_breach', toGroupId: null, note } }]
        : [],
    );
    return DONE;
  }

  private async handBack(timer: ClaimedTimer): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const agentId = timer.subject.slice(timer.tenantId.length + 1);
    const agent = await manager.findOneBy(AgentRosterEntry, { tenantId: timer.tenantId, agentId });
    if (!agent || agent.presence === 'online') return DONE;
    const held = await manager.find(RoutingTicket, { where: { tenantId: timer.tenantId, assigneeId: agentId, state: 'assigned', started: false } });
    const settings = await loadSettings(manager, timer.tenantId);
    for (const row of held) {
      await this.onTicket(timer.tenantId, row.ticketId, (ticket, metadata) =>
        ticket.assigneeId === agentId && ticket.agentReplyCount === 0 && ticket.groupId !== null
          ? [
              { type: 'UnassignTicket', ticketId: ticket.ticketId, metadata, data: { reason: agent.presence === 'offline' ? 'agent_offline' : 'agent_unavailable' } },
              { type: 'QueueTicket', ticketId: ticket.ticketId, metadata, data: { groupId: ticket.groupId, requiredSkills: ticket.requiredSkills, reason: `handed back: ${agentId} ${agent.presence} for more than ${settings.handBackAfterMinutes} min before replying` } },
            ]
          : [],
      );
    }
    return DONE;
  }

  /** Business-hours clocks: recompute the deadline from the calendar and the recorded pauses. */
  private async reanchor(timer: ClaimedTimer): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const row = await manager.findOneBy(RoutingTicket, { ticketId: timer.subject });
    const target = timer.target as SlaTarget;
    const view = row?.clocks[target];
    if (!row || !view || view.state !== 'running') return DONE;
    const resolved = policyById(await loadSettings(manager, timer.tenantId), view.policyId);
    if (!resolved || resolved.basis.kind === 'calendar_hours') return DONE;
    const minutes = resolved.policy.targets[TARGET_MINUTES[target]];
    if (!minutes) return DONE;
    const spec = { startedAt: view.startedAt, targetMs: minutes * 60_000, basis: resolved.basis };
    const due = deadline(spec, view.pauses);
    const warn = deadline(spec, view.pauses, resolved.policy.warnAtShare);
    if (due.state !== 'running' || warn.state !== 'running') return DONE;
    await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) => {
      const clock = ticket.slaClocks[target];
      if (!clock || clock.state !== 'running' || Date.parse(clock.dueAt) === due.dueAt) return [];
      return [{ type: 'StartSlaClock', ticketId: ticket.ticketId, metadata, data: { target, policyId: clock.policyId, dueAt: iso(due.dueAt), warnAt: iso(Math.min(warn.dueAt, due.dueAt)) } }];
    });
    return DONE;
  }

  /** Every customer message (once someone has answered) restarts the next-response clock from that message. */
  private async nextResponse(timer: ClaimedTimer): Promise<TimerOutcome> {
    const settings = await loadSettings(this.dataSource.manager, timer.tenantId);
    await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) => {
      if (ticket.firstResponseAt === null || nextResponseCurrent(ticket) || repliedSinceCustomerWrote(ticket)) return [];
      if (ticket.status !== 'new' && ticket.status !== 'open') return [];
      return clockCommands(ticket, settings, metadata, ['next_response'], Date.parse(ticket.lastCustomerMessageAt));
    });
    return DONE;
  }

  /** Restarts the progress-update clock after the agent wrote, and keeps it paused with the resolution clock. */
  private async progressUpdate(timer: ClaimedTimer): Promise<TimerOutcome> {
    const settings = await loadSettings(this.dataSource.manager, timer.tenantId);
    await this.onTicket(timer.tenantId, timer.subject, (ticket, metadata) => progressUpdateCommands(ticket, settings, metadata));
    return DONE;
  }

  /**
   * Re-evaluates running clocks: for one ticket after a (re)classification or after a clock
   * resumed (it may have missed a change while paused), or for every live ticket of the tenant
   * after its SLA policies changed. Each moved clock gets a new SlaClockStarted on the ticket and,
   * in the same append, an SlaClockRetargeted saying what caused it, who, and the old and new target.
   */
  private async retarget(timer: ClaimedTimer): Promise<TimerOutcome> {
    const manager = this.dataSource.manager;
    const settings = await loadSettings(manager, timer.tenantId);
    const perTicket = timer.subject !== timer.tenantId;
    const rows = perTicket
      ? [await manager.findOneBy(RoutingTicket, { ticketId: timer.subject })].filter((r): r is RoutingTicket => r !== null && r.tenantId === timer.tenantId)
      : await manager.createQueryBuilder(RoutingTicket, 't').where('t."tenantId" = :tenantId AND t.state <> :done', { tenantId: timer.tenantId, done: 'done' }).getMany();
    const live = rows.filter((r) => r.state !== 'done' && Object.values(r.clocks).some((c) => c.state === 'running'));
    if (live.length === 0) return DONE;
    let policyChange: Why | undefined;
    const policyChanged = async (): Promise<Why> => {
      if (policyChange) return policyChange;
      const [change] = await this.store.readStream(streamId('routing', timer.tenantId), { direction: 'backwards', maxCount: 1 });
      const why = `SLA policies changed by ${change?.actor.kind ?? 'system'} ${change?.actor.id ?? ''}: ${(change?.data as { reason?: string } | undefined)?.reason ?? ''}`;
      policyChange = { cause: 'policy_changed', actor: change?.actor ?? ROUTING_ACTOR, why: timer.target === 'resumed' ? `${why} (applied when the clock resumed)` : why, causationId: change?.eventId ?? null };
      return policyChange;
    };
    const reclassified = async (ticketId: string): Promise<Why> => {
      const history = await this.store.readStream(streamId('ticket', ticketId), { direction: 'backwards', maxCount: 200 });
      const change = history.find((e) => e.type === 'TicketReclassified' || e.type === 'TicketClassified');
      const data = change?.data as { category?: string; priority?: string; reason?: string } | undefined;
      const why = `ticket ${change?.type === 'TicketReclassified' ? 'reclassified' : 'classified'} as ${data?.category ?? '?'} / ${data?.priority ?? '?'} by ${change?.actor.kind ?? 'system'} ${change?.actor.id ?? ''}${data?.reason ? `: ${data.reason}` : ''}`;
      return { cause: 'ticket_reclassified', actor: change?.actor ?? ROUTING_ACTOR, why, causationId: change?.eventId ?? null };
    };
    for (const row of live) {
      // The causes are read before deciding, so each move is appended together with why it happened.
      const byPolicy = timer.target === 'ticket_reclassified' ? null : await policyChanged();
      const byReclassification = timer.target === 'policy_changed' ? null : await reclassified(row.ticketId);
      await this.retargetTicket(row, settings, (r) => {
        if (byReclassification === null) return byPolicy as Why;
        if (byPolicy === null) return byReclassification;
        // Resumed: the clock's own policy changed (or is gone), or the ticket's facts now pick another.
        const own = policyById(settings, r.previousPolicyId);
        const ownMinutes = own?.policy.targets[TARGET_MINUTES[r.target]] ?? null;
        return own && ownMinutes === r.previousTargetMinutes && r.policyId !== r.previousPolicyId ? byReclassification : byPolicy;
      });
    }
    return DONE;
  }

  /**
   * One append per ticket: for each moved clock the ticket decider emits the new SlaClockStarted and
   * the SlaClockRetargeted saying why, with the actor who caused it. A crash before the append
   * leaves the timer to fire again; after it, the decider finds nothing left to move.
   */
  private async retargetTicket(row: RoutingTicket, settings: RoutingSettings, describe: (r: Retarget) => Why): Promise<void> {
    await this.onTicket(row.tenantId, row.ticketId, (ticket, metadata) =>
      retargets(ticket, row.clocks, settings).map((r) => {
        const { cause, actor, why, causationId } = describe(r);
        return retargetCommand(ticket, r, { ...metadata, actor, causationId }, { cause, reason: why.trim().slice(0, 1000) });
      }),
    );
  }
}

/** At most this many of one agent's assignments are booked in one transaction (one lock, one reservation statement). */
const DISPATCH_BATCH = 5;

/** The plan split per agent, in plan order, into batches of at most `size`; batches ordered by their first assignment. */
export function agentBatches(plan: readonly PlannedAssignment[], size: number): PlannedAssignment[][] {
  const open = new Map<string, PlannedAssignment[]>();
  const batches: PlannedAssignment[][] = [];
  for (const p of plan) {
    let batch = open.get(p.agentId);
    if (!batch || batch.length >= size) {
      batch = [];
      open.set(p.agentId, batch);
      batches.push(batch);
    }
    batch.push(p);
  }
  return batches;
}

/**
 * How many batches of planned assignments a dispatch round persists at once. Each holds a read-model
 * connection (the agent's row lock) and, for its appends, event-store ones (the event-store pool
 * queues what it cannot serve at once), so the read-model pool bounds it; two connections stay free for projections, pulls and other timers. A PGlite read
 * model is one session (transactions queue anyway): one at a time.
 */
export function dispatchConcurrency(dataSource: DataSource): number {
  if (sharesOneSession(dataSource)) return 1;
  const options = dataSource.options as { poolSize?: number; extra?: { max?: number } };
  const pool = options.poolSize ?? options.extra?.max ?? 10;
  return Math.max(1, pool - 2);
}

/** What made routing move a clock, and who. */
interface Why {
  cause: SlaRetargetCause;
  actor: Actor;
  why: string;
  causationId: string | null;
}

const ROUTING_ACTOR: Actor = { kind: 'service', id: 'routing' };

/** An agent answered (a reply or a question, not a mere progress update) after the customer's last message. */
function repliedSinceCustomerWrote(ticket: Ticket): boolean {
  const last = ticket.lastAgentMessageAt;
  return last !== null && last !== ticket.lastProgressUpdateAt && Date.parse(last) >= Date.parse(ticket.lastCustomerMessageAt);
}

/** A running next-response clock started at or after the customer's last message (otherwise a restart is due). */
function nextResponseCurrent(ticket: Ticket): boolean {
  const clock = ticket.slaClocks.next_response;
  return clock?.state === 'running' && Date.parse(clock.startedAt) >= Date.parse(ticket.lastCustomerMessageAt);
}

/**
 * A new (or reclassified, still waiting) ticket: queue it in the group its rules pick — or move
 * it there — and start the first-response and resolution clocks of its SLA policy.
 */
export function routeCommands(ticket: Ticket, settings: RoutingSettings, metadata: CommandMetadata, now: number, reclassified?: { assigneeSkills: Record<string, number> }): TicketCommand[] {
  if (!['new', 'open'].includes(ticket.status)) return [];
  const { groupId, reason } = groupFor(settings, ticket);
  if (ticket.assigneeId !== null) {
    // Reclassified while assigned: the ticket moves to the new group; its agent keeps it only with that skill.
    if (!reclassified || ticket.groupId === groupId) return [];
    const group = groupsOf(settings).get(groupId);
    const keeps = group?.openToAll || reclassified.assigneeSkills[groupId] !== undefined;
    const toAgentId = keeps ? ticket.assigneeId : null;
    const because = `reclassified as ${ticket.category ?? 'unclassified'}: ${reason}; ${keeps ? `${ticket.assigneeId} has the skill and keeps it` : `${ticket.assigneeId} lacks the skill ${groupId}, back to the queue`}`;
    return [{ type: 'TransferTicket', ticketId: ticket.ticketId, metadata, data: { toGroupId: groupId, toAgentId, reason: because } }];
  }
  const commands: TicketCommand[] = [];
  if (ticket.groupId === null) {
    commands.push({ type: 'QueueTicket', ticketId: ticket.ticketId, metadata, data: { groupId, requiredSkills: [groupId], reason } });
  } else if (ticket.groupId !== groupId) {
    commands.push({ type: 'TransferTicket', ticketId: ticket.ticketId, metadata, data: { toGroupId: groupId, toAgentId: null, reason: `reclassified as ${ticket.category ?? 'unclassified'}: ${reason}` } });
  }
  const missing = (['first_response', 'progress_update', 'resolution'] as SlaTarget[]).filter((t) => !ticket.slaClocks[t] && !(t === 'first_response' && ticket.firstResponseAt));
  commands.push(...clockCommands(ticket, settings, metadata, missing, Math.min(now, Date.parse(ticket.openedAt))));
  return commands;
}

/**
 * The tenant's queue as the projection has it, less tickets holding a capacity reservation: a
 * reservation is committed only with its TicketAssigned, so those are assigned already, the
 * projection just has not applied it yet (planning them again would only be refused).
 */
async function queuedTickets(manager: EntityManager, tenantId: string, settings: RoutingSettings): Promise<QueuedTicket[]> {
  // One statement, one snapshot: a ticket the projection applies meanwhile is either still queued
  // with its reservation or already assigned, never seen as queued without one.
  const rows = await manager
    .createQueryBuilder(RoutingTicket, 't')
    .where('t."tenantId" = :tenantId AND t.state = :queued', { tenantId, queued: 'queued' })
    .andWhere('NOT EXISTS (SELECT 1 FROM "routing"."capacity_reservations" c WHERE c."ticketId" = t."ticketId")')
    .getMany();
  return rows.filter((r) => r.groupId !== null).map((r) => toQueued(r, settings));
}

export function toQueued(r: RoutingTicket, settings: RoutingSettings): QueuedTicket {
  return {
    ticketId: r.ticketId,
    groupId: r.groupId as string,
    channel: r.channel,
    language: r.language,
    vip: r.customerTier === 'vip',
    tier: tierOf({ priority: r.priority as never, category: r.category as never, escalationLevel: r.escalationLevel }, settings.complexCategories),
    priority: r.priority as QueuedTicket['priority'],
    dueAt: r.nextDueAt,
    queuedAt: r.queuedAt ?? r.openedAt,
  };
}

/** The roster with load per channel and last assignment, both counted from routing.tickets. */
export async function agentSnapshots(manager: EntityManager, tenantId: string): Promise<AgentSnapshot[]> {
  const [roster, loads, last] = await Promise.all([
    manager.find(AgentRosterEntry, { where: { tenantId } }),
    // Assignments appended but not yet projected hold their slot too; one statement (one snapshot),
    // so one the projection applies meanwhile is counted once, not zero times or twice.
    manager.query(
      `SELECT "assigneeId", channel, count(*)::int AS n FROM "routing"."tickets" WHERE "tenantId" = $1 AND state = 'assigned' GROUP BY 1, 2
       UNION ALL
       SELECT c."agentId" AS "assigneeId", c.channel, count(*)::int AS n FROM "routing"."capacity_reservations" c
        WHERE c."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM "routing"."tickets" t WHERE t."ticketId" = c."ticketId" AND t."assigneeId" = c."agentId" AND t.state = 'assigned')
        GROUP BY 1, 2`,
      [tenantId],
    ),
    manager.query(`SELECT "assigneeId", max("assignedAt") AS at FROM "routing"."tickets" WHERE "tenantId" = $1 AND "assigneeId" IS NOT NULL GROUP BY 1`, [tenantId]),
  ]);
  const load = new Map<string, Record<string, number>>();
  for (const l of loads as { assigneeId: string; channel: string; n: number }[]) {
    const current = load.get(l.assigneeId) ?? {};
    load.set(l.assigneeId, { ...current, [l.channel]: (current[l.channel] ?? 0) + Number(l.n) });
  }
  const lastAt = new Map((last as { assigneeId: string; at: string | null }[]).map((l) => [l.assigneeId, Number(l.at ?? 0)]));
  return roster.map((a) => ({
    agentId: a.agentId,
    presence: a.presence,
    skills: a.skillLevels,
    languages: a.languages,
    seniority: a.seniority,
    channelCapacity: a.channelCapacity,
    defaultCapacity: a.capacity,
    load: load.get(a.agentId) ?? {},
    lastAssignedAt: lastAt.get(a.agentId) ?? 0,
  }));
}
