import type { EventEnvelope, TicketEvent } from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { policyById, TARGET_MINUTES } from '../settings/routing-settings';
import { loadSettings } from '../settings/routing-settings.projection';
import { routingTimers as timers, TIMER_KINDS } from '../timers/routing-timer.entity';
import { RoutingTicket, type ClockView } from './routing-ticket.entity';

const HANDLED = [
  'TicketOpened', 'TicketClassified', 'TicketReclassified', 'TicketQueued', 'TicketAssigned', 'TicketUnassigned', 'TicketTransferred',
  'TicketEscalated', 'SlaClockStarted', 'SlaClockPaused', 'SlaClockResumed', 'SlaWarningRaised', 'SlaBreached', 'AgentReplied',
  'CustomerInfoRequested', 'ProgressUpdateSent', 'CustomerMessageReceived', 'TicketResolved', 'TicketClosed', 'TicketMerged', 'TicketReopened',
] as const;

const RESPONSE_TARGETS = ['first_response', 'next_response'];

/**
 * routing.tickets: where each ticket waits, who holds it, and its SLA clocks with their pauses —
 * plus the durable timers those facts imply, written in the same transaction (route a new ticket,
 * dispatch when a queue or capacity changes, warn/breach at the deadlines, escalate after a breach).
 */
export const routingTicketsProjection: Projection = {
  name: 'routing.tickets',
  categories: ['ticket'],
  handles: HANDLED,

  async apply(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const event = envelope as TicketEvent;
    const at = Date.parse(event.occurredAt);
    const { tenantId } = event;
    const dispatch = () => timers.scheduleNoLaterThan(manager, { kind: 'dispatch', tenantId, subject: tenantId, dueAt: at });
    if (event.type === 'TicketOpened') {
      const d = event.data;
      await manager.upsert(
        RoutingTicket,
        {
          ticketId: d.ticketId, tenantId, state: 'new', channel: d.channel, channelClass: d.channelClass, language: d.language,
          customerTier: d.customerTier, category: null, priority: null, escalationLevel: 0, groupId: null, assigneeId: null,
          assignedAt: null, started: false, openedAt: at, queuedAt: null, clocks: {}, nextDueAt: null,
        },
        ['ticketId'],
      );
      await timers.schedule(manager, { kind: 'route', tenantId, subject: d.ticketId, dueAt: at });
      return;
    }
    const ticket = await manager.findOneBy(RoutingTicket, { ticketId: (event.data as { ticketId: string }).ticketId });
    if (!ticket || ticket.tenantId !== tenantId) return;
    const id = ticket.ticketId;
    const clocks = { ...ticket.clocks };
    const clockTimers = async (target: string, clock: ClockView) => {
      if (clock.state !== 'running') {
        await timers.cancel(manager, 'sla_warning', id, target);
        await timers.cancel(manager, 'sla_breach', id, target);
        return;
      }
      if (!clock.warned && !clock.breached) await timers.schedule(manager, { kind: 'sla_warning', tenantId, subject: id, target, dueAt: clock.warnAt });
      else await timers.cancel(manager, 'sla_warning', id, target);
      if (!clock.breached) await timers.schedule(manager, { kind: 'sla_breach', tenantId, subject: id, target, dueAt: clock.dueAt });
      else await timers.cancel(manager, 'sla_breach', id, target);
    };
    const changes: Partial<RoutingTicket> = {};
    // Once the projection counts an assignment (or the ticket left its agent), its reservation has done its job.
    if (['TicketAssigned', 'TicketUnassigned', 'TicketTransferred', 'TicketResolved', 'TicketClosed', 'TicketMerged'].includes(event.type)) {
      // The assignment may be applied before the transaction that booked it has committed: wait for
      // the agent's lock, so the reservation is visible (and removed) rather than left behind.
      if (event.type === 'TicketAssigned') await manager.query(`SELECT 1 FROM "routing"."agent_roster" WHERE "tenantId" = $1 AND "agentId" = $2 FOR UPDATE`, [tenantId, event.data.agentId]);
      await manager.query(`DELETE FROM "routing"."capacity_reservations" WHERE "ticketId" = $1`, [id]);
    }
    /** Restart (after the agent wrote) or pause/resume (with the resolution clock) the progress-update clock. */
    const progressUpdate = () => timers.schedule(manager, { kind: 'progress_update', tenantId, subject: id, dueAt: at });
    /** The agent wrote to the customer: the progress-update clock is met, and routing restarts it from this message. */
    const progressMet = async () => {
      if (clocks.progress_update && clocks.progress_update.state !== 'stopped') {
        clocks.progress_update = { ...clocks.progress_update, state: 'stopped' };
        await clockTimers('progress_update', clocks.progress_update);
      }
      if (ticket.state !== 'done') await progressUpdate();
    };

    switch (event.type) {
      case 'TicketClassified':
      case 'TicketReclassified':
        Object.assign(changes, { category: event.data.category, priority: event.data.priority });
        // A category can change the group (a reclassification moves even an assigned ticket) …
        if (ticket.state === 'new' || ticket.state === 'queued') await timers.schedule(manager, { kind: 'route', tenantId, subject: id, dueAt: at });
        else if (ticket.state === 'assigned' && event.type === 'TicketReclassified') await timers.schedule(manager, { kind: 'route', tenantId, subject: id, target: 'reclassified', dueAt: at });
        // … and the SLA policy, so running clocks are re-evaluated.
        if (ticket.state !== 'done' && Object.values(clocks).some((c) => c.state === 'running')) {
          await timers.schedule(manager, { kind: 'sla_retarget', tenantId, subject: id, target: 'ticket_reclassified', dueAt: at });
        }
        break;
      case 'TicketQueued':
        Object.assign(changes, { groupId: event.data.groupId, state: 'queued', queuedAt: at, assigneeId: null });
        await dispatch();
        break;
      case 'TicketAssigned':
        Object.assign(changes, { groupId: event.data.groupId, assigneeId: event.data.agentId, assignedAt: at, state: 'assigned' });
        break;
      case 'TicketUnassigned':
        Object.assign(changes, { assigneeId: null, state: 'queued', queuedAt: at });
        await dispatch();
        break;
      case 'TicketTransferred':
        Object.assign(changes, {
          groupId: event.data.toGroupId,
          assigneeId: event.data.toAgentId,
          state: event.data.toAgentId ? 'assigned' : 'queued',
          ...(event.data.toAgentId ? { assignedAt: at } : { queuedAt: at }),
        });
        await dispatch();
        break;
      case 'TicketEscalated': {
        Object.assign(changes, { escalationLevel: event.data.level, priority: event.data.priority, groupId: event.data.toGroupId ?? ticket.groupId });
        const chain = (await loadSettings(manager, tenantId)).escalationChain;
        const next = chain[event.data.level];
        if (event.data.reason === 'sla_breach' && next) await timers.schedule(manager, { kind: 'escalate', tenantId, subject: id, dueAt: at + next.afterMinutes * 60_000 });
        break;
      }
      case 'SlaClockStarted': {
        const { target, policyId, dueAt, warnAt } = event.data;
        const previous = clocks[target];
        // Re-anchoring a live clock (business hours after a resume) keeps its history, and so does a
        // retarget to another policy (it counts from the same start, with the same pauses); a clock
        // that had stopped (a next response after a reply, a progress update) starts afresh.
        const live = previous && previous.state !== 'stopped';
        const samePolicy = live && previous.policyId === policyId;
        // Kept so a later re-evaluation can tell an edited policy target from a moved deadline.
        const targetMinutes = policyById(await loadSettings(manager, tenantId), policyId)?.policy.targets[TARGET_MINUTES[target]] ?? null;
        clocks[target] = {
          targetMinutes,
          policyId, startedAt: live ? previous.startedAt : at, dueAt: Date.parse(dueAt), warnAt: Date.parse(warnAt), state: 'running',
          pauses: live ? previous.pauses : [], warned: samePolicy ? previous.warned : false, breached: samePolicy ? previous.breached : false,
        };
        await clockTimers(target, clocks[target]);
        break;
      }
      case 'SlaClockPaused': {
        const clock = clocks[event.data.target];
        if (!clock) break;
        clocks[event.data.target] = { ...clock, state: 'paused', pauses: [...clock.pauses, { from: at, to: null }] };
        await clockTimers(event.data.target, clocks[event.data.target]);
        if (event.data.target === 'resolution') await progressUpdate();
        break;
      }
      case 'SlaClockResumed': {
        const clock = clocks[event.data.target];
        if (!clock) break;
        const pauses = clock.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
        clocks[event.data.target] = { ...clock, state: 'running', pauses, dueAt: Date.parse(event.data.dueAt), warnAt: Date.parse(event.data.warnAt) };
        await clockTimers(event.data.target, clocks[event.data.target]);
        // The decider shifts deadlines by wall time; on business hours that is wrong across nights
        // and weekends, so routing recomputes them from the calendar.
        await timers.schedule(manager, { kind: 'sla_reanchor', tenantId, subject: id, target: event.data.target, dueAt: at });
        // A policy change or reclassification while it was paused moved nothing: re-evaluate now.
        await timers.schedule(manager, { kind: 'sla_retarget', tenantId, subject: id, target: 'resumed', dueAt: at });
        if (event.data.target === 'resolution') await progressUpdate();
        break;
      }
      case 'SlaWarningRaised':
        if (clocks[event.data.target]) clocks[event.data.target] = { ...clocks[event.data.target], warned: true };
        await timers.cancel(manager, 'sla_warning', id, event.data.target);
        break;
      case 'SlaBreached': {
        if (clocks[event.data.target]) clocks[event.data.target] = { ...clocks[event.data.target], breached: true };
        await timers.cancel(manager, 'sla_breach', id, event.data.target);
        const first = (await loadSettings(manager, tenantId)).escalationChain[ticket.escalationLevel];
        if (first) await timers.schedule(manager, { kind: 'escalate', tenantId, subject: id, dueAt: at + first.afterMinutes * 60_000 });
        break;
      }
      case 'AgentReplied':
      case 'CustomerInfoRequested':
        changes.started = true;
        for (const target of RESPONSE_TARGETS) {
          if (clocks[target]) {
            clocks[target] = { ...clocks[target], state: 'stopped' };
            await clockTimers(target, clocks[target]);
          }
        }
        // A reply or a question is also news for the customer.
        await progressMet();
        break;
      case 'ProgressUpdateSent':
        await progressMet();
        break;
      case 'CustomerMessageReceived':
        // "Every customer message restarts" the next-response clock, once someone has answered.
        if (ticket.started && ticket.state !== 'done') {
          // The running clock is superseded: it restarts from this message (its history does not carry over).
          if (clocks.next_response && clocks.next_response.state !== 'stopped') {
            clocks.next_response = { ...clocks.next_response, state: 'stopped' };
            await clockTimers('next_response', clocks.next_response);
          }
          await timers.schedule(manager, { kind: 'next_response', tenantId, subject: id, dueAt: at });
        }
        break;
      case 'TicketResolved':
      case 'TicketClosed':
      case 'TicketMerged':
        if (event.type === 'TicketMerged' && event.data.sourceTicketId !== id) break;
        for (const target of Object.keys(clocks)) clocks[target] = { ...clocks[target], state: 'stopped' };
        changes.state = 'done';
        await timers.cancelAllFor(manager, id);
        await dispatch();
        break;
      case 'TicketReopened':
        changes.state = ticket.assigneeId ? 'assigned' : 'queued';
        if (!ticket.assigneeId) await dispatch();
        break;
      default:
        break;
    }
    const running = Object.values(clocks).filter((c) => c.state === 'running' && !c.breached);
    await manager.update(RoutingTicket, { ticketId: id }, { ...changes, clocks, nextDueAt: running.length ? Math.min(...running.map((c) => c.dueAt)) : null });
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(RoutingTicket);
    await manager.query(`DELETE FROM "routing"."capacity_reservations"`);
    await timers.cancelKinds(manager, TIMER_KINDS.filter((kind) => kind !== 'hand_back'));
  },
};
