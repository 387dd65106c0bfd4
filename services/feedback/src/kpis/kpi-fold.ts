import {
  SATISFACTION_DIMENSIONS,
  isTicketEventType,
  upcastEvent,
  type EventEnvelope,
  type SlaTarget,
  type TicketEvent,
} from '@ticketing/contracts';
import {
  DIMENSION_MEASURES,
  NONE,
  SATISFIED_AT_OR_ABOVE,
  SLA_MEASURES,
  dayOf,
  type Attribution,
  type Measure,
} from './kpi-measures';

/**
 * What the KPI projection remembers about one ticket between its events: just enough to turn the
 * next event into counter increments. Kept small because the batch path loads and stores it per ticket.
 */
export interface KpiTicketState {
  tenantId: string;
  channel: string;
  category: string | null;
  agent: string | null;
  group: string | null;
  /** Last applied stream position: a redelivered event (position ≤ this) changes nothing. */
  position: number;
  openedAt: number;
  /** Start of the current work period: the opening, or the latest reopen. */
  periodStart: number;
  periods: number;
  responded: boolean;
  /** Earliest customer message not yet answered (only after the first response). */
  awaitingSince: number | null;
  /** Since when the current assignee holds the open ticket; null when unassigned or not open. */
  assignedSince: number | null;
  handledMs: number;
  inBacklog: boolean;
  classified: boolean;
  complaintCounted: boolean;
  /** Where a first-contact resolution was counted, so a later reopen can take it back. */
  fcrCountedAt: { day: string; attribution: Attribution } | null;
  /** Clocks whose outcome is still open ('running', also while paused) or already counted ('breached'). */
  clocks: Partial<Record<SlaTarget, 'running' | 'breached'>>;
  collaborations: Record<string, number>;
  lastResolver: string | null;
}

export type KpiSink = (day: string, attribution: Attribution, measure: Measure, value: number) => void;

const RESPONSE_TARGETS: SlaTarget[] = ['first_response', 'next_response'];

function attributionOf(state: KpiTicketState, agent: string | null = state.agent): Attribution {
  return {
    tenantId: state.tenantId,
    channel: state.channel,
    category: state.category ?? NONE.category,
    agent: agent ?? NONE.agent,
    group: state.group ?? NONE.group,
  };
}

const sameAttribution = (a: Attribution, b: Attribution) =>
  a.channel === b.channel && a.category === b.category && a.agent === b.agent && a.group === b.group;

/**
 * Folds one ticket event into the ticket's KPI state and reports the counter increments it causes.
 * Every measurement is attributed to the UTC day of the event that completes it and to the ticket's
 * channel, category, group and agent at that moment (the acting agent for replies and resolutions,
 * the resolving agent for ratings). Mutates `state` (the batch path keeps thousands in memory).
 * Returns the state, or null when the event cannot start one (an event before TicketOpened).
 */
export function foldKpiEvent(state: KpiTicketState | null, stored: EventEnvelope, emit: KpiSink): KpiTicketState | null {
  if (!isTicketEventType(stored.type)) return state;
  if (state && stored.streamPosition <= state.position) return state; // redelivered
  const event = upcastEvent(stored) as TicketEvent;
  const at = Date.parse(event.occurredAt);
  const day = dayOf(at);

  if (event.type === 'TicketOpened') {
    if (state) return state;
    const opened: KpiTicketState = {
      tenantId: event.tenantId,
      channel: event.data.channel,
      category: null,
      agent: null,
      group: null,
      position: stored.streamPosition,
      openedAt: at,
      periodStart: at,
      periods: 1,
      responded: false,
      awaitingSince: null,
      assignedSince: null,
      handledMs: 0,
      inBacklog: true,
      classified: false,
      complaintCounted: false,
      fcrCountedAt: null,
      clocks: {},
      collaborations: {},
      lastResolver: null,
    };
    const where = attributionOf(opened);
    emit(day, where, 'opened', 1);
    emit(day, where, 'backlog', 1);
    emit(day, where, 'backlog_opened_s', Math.floor(at / 1000));
    return opened;
  }
  if (!state) return null;

  const s = state;
  s.position = stored.streamPosition;
  const backlogBefore = s.inBacklog;
  const before = attributionOf(s);
  const stopHolding = () => {
    if (s.assignedSince !== null) s.handledMs += at - s.assignedSince;
    s.assignedSince = null;
  };
  const meetClocks = (targets: SlaTarget[], where: Attribution) => {
    for (const target of targets) {
      // Only the targets the KPIs report on (progress_update has no KPI yet).
      const measures = SLA_MEASURES[target as keyof typeof SLA_MEASURES] as (typeof SLA_MEASURES)[keyof typeof SLA_MEASURES] | undefined;
      if (s.clocks[target] === 'running' && measures) emit(day, where, measures.met, 1);
      delete s.clocks[target];
    }
  };
  const endWithoutResolution = () => {
    stopHolding();
    s.clocks = {};
    s.collaborations = {};
    s.inBacklog = false;
  };

  switch (event.type) {
    case 'TicketClassified':
    case 'TicketReclassified': {
      s.category = event.data.category;
      const where = attributionOf(s);
      if (!s.classified) {
        s.classified = true;
        emit(day, where, 'classified', 1);
      }
      if (event.data.complaint && !s.complaintCounted) {
        s.complaintCounted = true;
        emit(day, where, 'complaints', 1);
      }
      break;
    }
    case 'TicketQueued':
      s.group = event.data.groupId;
      break;
    case 'TicketAssigned':
      stopHolding();
      s.agent = event.data.agentId;
      s.group = event.data.groupId;
      s.assignedSince = s.inBacklog ? at : null;
      break;
    case 'TicketUnassigned':
      stopHolding();
      s.agent = null;
      break;
    case 'TicketTransferred':
      stopHolding();
      s.group = event.data.toGroupId;
      s.agent = event.data.toAgentId;
      s.assignedSince = s.agent !== null && s.inBacklog ? at : null;
      break;
    case 'TicketEscalated':
      s.group = event.data.toGroupId ?? s.group;
      break;
    case 'SlaClockStarted':
      s.clocks[event.data.target] = 'running';
      break;
    case 'SlaBreached':
      if (s.clocks[event.data.target] === 'running') {
        s.clocks[event.data.target] = 'breached';
        const measures = SLA_MEASURES[event.data.target as keyof typeof SLA_MEASURES] as (typeof SLA_MEASURES)[keyof typeof SLA_MEASURES] | undefined;
        if (measures) emit(day, attributionOf(s), measures.breached, 1);
      }
      break;
    case 'AgentReplied':
    case 'CustomerInfoRequested': {
      const where = attributionOf(s, event.data.agentId);
      if (!s.responded) {
        s.responded = true;
        emit(day, where, 'first_response_n', 1);
        emit(day, where, 'first_response_ms', at - s.openedAt);
      } else if (s.awaitingSince !== null) {
        emit(day, where, 'next_response_n', 1);
        emit(day, where, 'next_response_ms', at - s.awaitingSince);
      }
      s.awaitingSince = null;
      meetClocks(RESPONSE_TARGETS, where);
      break;
    }
    case 'CustomerMessageReceived':
      if (s.responded && s.awaitingSince === null) s.awaitingSince = at;
      break;
    case 'CollaborationRequested':
      s.collaborations[event.data.collaborationId] = at;
      break;
    case 'CollaborationCompleted': {
      const requestedAt = s.collaborations[event.data.collaborationId];
      if (requestedAt !== undefined) {
        delete s.collaborations[event.data.collaborationId];
        const where = attributionOf(s);
        emit(day, where, 'collaborations', 1);
        emit(day, where, 'collaboration_ms', at - requestedAt);
      }
      break;
    }
    case 'TicketResolved': {
      const where = attributionOf(s, event.data.resolvedBy);
      stopHolding();
      emit(day, where, 'resolved', 1);
      emit(day, where, 'resolution_ms', at - s.periodStart);
      emit(day, where, 'handle_ms', s.handledMs);
      if (s.periods === 1) {
        emit(day, where, 'first_resolved', 1);
        if (event.data.firstContactResolution) {
          emit(day, where, 'fcr', 1);
          s.fcrCountedAt = { day, attribution: where };
        }
      }
      meetClocks(Object.keys(s.clocks) as SlaTarget[], where);
      s.handledMs = 0;
      s.collaborations = {}; // a forced resolution abandons them
      s.lastResolver = event.data.resolvedBy;
      s.inBacklog = false;
      break;
    }
    case 'TicketReopened':
      emit(day, attributionOf(s), 'reopened', 1);
      if (s.fcrCountedAt) {
        emit(s.fcrCountedAt.day, s.fcrCountedAt.attribution, 'fcr', -1);
        s.fcrCountedAt = null;
      }
      s.periods += 1;
      s.periodStart = at;
      s.handledMs = 0;
      s.inBacklog = true;
      s.assignedSince = s.agent !== null ? at : null;
      break;
    case 'TicketClosed':
      endWithoutResolution();
      break;
    case 'TicketMerged':
      if (event.data.sourceTicketId === event.data.ticketId) {
        endWithoutResolution();
      }
      break;
    case 'SelfServiceAnswerOffered':
      emit(day, attributionOf(s), 'self_service_offered', 1);
      break;
    case 'SelfServiceOfferAnswered':
      if (event.data.accepted) emit(day, attributionOf(s), 'self_service_deflected', 1);
      break;
    case 'SurveySent':
      emit(day, attributionOf(s, s.lastResolver ?? s.agent), 'surveys_sent', 1);
      break;
    case 'SatisfactionRated': {
      const where = attributionOf(s, s.lastResolver ?? s.agent);
      const { rating, dimensions } = event.data;
      emit(day, where, 'ratings', 1);
      emit(day, where, 'rating_sum', rating);
      if (rating >= SATISFIED_AT_OR_ABOVE) emit(day, where, 'satisfied', 1);
      for (const dimension of SATISFACTION_DIMENSIONS) {
        const value = dimensions[dimension];
        if (value === null) continue;
        emit(day, where, DIMENSION_MEASURES[dimension].n, 1);
        emit(day, where, DIMENSION_MEASURES[dimension].sum, value);
      }
      break;
    }
    default:
      break;
  }

  // The backlog is a stock kept as flows: leaving it, or moving between values of a dimension, is an
  // outflow where the ticket was counted and an inflow where it is counted now.
  const after = attributionOf(s);
  if (backlogBefore !== s.inBacklog || (s.inBacklog && !sameAttribution(before, after))) {
    const openedS = Math.floor(s.openedAt / 1000);
    if (backlogBefore) {
      emit(day, before, 'backlog', -1);
      emit(day, before, 'backlog_opened_s', -openedS);
    }
    if (s.inBacklog) {
      emit(day, after, 'backlog', 1);
      emit(day, after, 'backlog_opened_s', openedS);
    }
  }
  return s;
}
