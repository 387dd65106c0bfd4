import {
  isTicketEventType,
  upcastEvent,
  type EventEnvelope,
  type SlaTarget,
  type TicketEvent,
} from '@ticketing/contracts';
import { ticketExists, type SlaClock, type Ticket, type TicketState } from './ticket-state';

type Clocks = Ticket['slaClocks'];

function updateClock(clocks: Clocks, target: SlaTarget, change: (clock: SlaClock) => SlaClock): Clocks {
  const clock = clocks[target];
  return clock ? { ...clocks, [target]: change(clock) } : clocks;
}

/** Stops the given clocks (all when omitted) that have not stopped yet. */
function stopClocks(clocks: Clocks, targets?: SlaTarget[]): Clocks {
  const result: Clocks = { ...clocks };
  for (const [target, clock] of Object.entries(clocks) as [SlaTarget, SlaClock][]) {
    if ((!targets || targets.includes(target)) && clock.state !== 'stopped') {
      result[target] = { ...clock, state: 'stopped', pausedAt: null, pauseReason: null };
    }
  }
  return result;
}

/** An agent talking to the customer meets the response targets. */
const RESPONSE_TARGETS: SlaTarget[] = ['first_response', 'next_response'];

/** Where work stands when nothing else decides: someone else still owes an answer, or we do. */
function workingStatus(ticket: Ticket): Ticket['status'] {
  if (ticket.openCollaborations.length > 0) return 'pending_third_party';
  return ticket.assigneeId === null && ticket.agentReplyCount === 0 && ticket.reopenCount === 0 ? 'new' : 'open';
}

/** `new` becomes `open` as soon as an agent owns or works on the ticket; other statuses stay. */
const started = (ticket: Ticket): Ticket['status'] => (ticket.status === 'new' ? 'open' : ticket.status);

/**
 * Folds one stored event into the state. Pure and total: unknown event types (another category's, or
 * a newer release's) leave the state unchanged, and older schema versions are upcast first.
 */
export function evolve(state: TicketState, stored: EventEnvelope): TicketState {
  if (!isTicketEventType(stored.type)) return state;
  const event = upcastEvent(stored) as TicketEvent;
  if (event.type === 'TicketOpened') {
    const d = event.data;
    return {
      status: 'new',
      ticketId: d.ticketId,
      tenantId: event.tenantId,
      channel: d.channel,
      channelClass: d.channelClass,
      customerId: d.customerId,
      customerTier: d.customerTier,
      subject: d.subject,
      language: d.language,
      orderNumber: d.orderNumber,
      category: null,
      priority: null,
      complaint: false,
      groupId: null,
      requiredSkills: [],
      assigneeId: null,
      escalationLevel: 0,
      slaClocks: {},
      openCollaborations: [],
      compensations: [],
      openedAt: event.occurredAt,
      firstResponseAt: null,
      lastCustomerMessageAt: event.occurredAt,
      lastAgentMessageAt: null,
      resolvedAt: null,
      resolutionCode: null,
      closedAt: null,
      reopenCount: 0,
      transferCount: 0,
      mergedInto: null,
      mergedFrom: [],
      customerMessageCount: 1,
      agentReplyCount: 0,
      internalNoteCount: 0,
      tags: [],
      expectedResolutionAt: null,
      lastProgressUpdateAt: null,
      survey: null,
      secondServiceRequested: false,
      selfServiceOffer: null,
      failedDeliveryIds: [],
      lastEventAt: event.occurredAt,
    };
  }
  if (!ticketExists(state)) return state; // an event before TicketOpened: nothing to fold into
  const ticket: Ticket = { ...state, lastEventAt: event.occurredAt };
  const at = event.occurredAt;

  switch (event.type) {
    case 'CustomerMessageReceived': {
      const next = { ...ticket, customerMessageCount: ticket.customerMessageCount + 1, lastCustomerMessageAt: at };
      // The customer answered: stop waiting on them (a reopen that follows sets `open` itself).
      return ticket.status === 'pending_customer' ? { ...next, status: workingStatus(next) } : next;
    }
    case 'TicketClassified':
    case 'TicketReclassified':
      return { ...ticket, category: event.data.category, subcategory: event.data.subcategory ?? null, priority: event.data.priority, complaint: event.data.complaint };
    case 'SelfServiceAnswerOffered':
      return { ...ticket, selfServiceOffer: { offerId: event.data.offerId, articleId: event.data.articleId, status: 'offered' } };
    case 'SelfServiceOfferAnswered':
      return ticket.selfServiceOffer?.offerId === event.data.offerId
        ? { ...ticket, selfServiceOffer: { ...ticket.selfServiceOffer, status: event.data.accepted ? 'accepted' : 'declined' } }
        : ticket;
    case 'TicketQueued':
      return { ...ticket, groupId: event.data.groupId, requiredSkills: event.data.requiredSkills };
    case 'TicketAssigned':
      return { ...ticket, assigneeId: event.data.agentId, groupId: event.data.groupId, status: started(ticket) };
    case 'TicketUnassigned':
      return { ...ticket, assigneeId: null };
    case 'TicketTransferred': {
      const next = {
        ...ticket,
        groupId: event.data.toGroupId,
        assigneeId: event.data.toAgentId,
        transferCount: ticket.transferCount + 1,
      };
      return event.data.toAgentId ? { ...next, status: started(ticket) } : next;
    }
    case 'TicketEscalated':
      return {
        ...ticket,
        escalationLevel: event.data.level,
        priority: event.data.priority,
        groupId: event.data.toGroupId ?? ticket.groupId,
      };
    case 'SlaClockStarted': {
      const { target, policyId, dueAt, warnAt } = event.data;
      const clock: SlaClock = {
        policyId,
        startedAt: at,
        dueAt,
        warnAt,
        state: 'running',
        pausedAt: null,
        pauseReason: null,
        warned: false,
        breached: false,
      };
      return { ...ticket, slaClocks: { ...ticket.slaClocks, [target]: clock } };
    }
    case 'SlaClockRetargeted':
      // The record of why a deadline moved; the SlaClockStarted appended with it moved the clock.
      return ticket;
    case 'SlaClockPaused':
      return {
        ...ticket,
        slaClocks: updateClock(ticket.slaClocks, event.data.target, (c) => ({
          ...c,
          state: 'paused',
          pausedAt: at,
          pauseReason: event.data.reason,
        })),
      };
    case 'SlaClockResumed':
      return {
        ...ticket,
        slaClocks: updateClock(ticket.slaClocks, event.data.target, (c) => ({
          ...c,
          state: 'running',
          pausedAt: null,
          pauseReason: null,
          dueAt: event.data.dueAt,
          warnAt: event.data.warnAt,
        })),
      };
    case 'SlaWarningRaised':
      return { ...ticket, slaClocks: updateClock(ticket.slaClocks, event.data.target, (c) => ({ ...c, warned: true })) };
    case 'SlaBreached':
      return { ...ticket, slaClocks: updateClock(ticket.slaClocks, event.data.target, (c) => ({ ...c, breached: true })) };
    case 'AgentReplied':
      return {
        ...ticket,
        status: started(ticket),
        agentReplyCount: ticket.agentReplyCount + 1,
        firstResponseAt: ticket.firstResponseAt ?? at,
        lastAgentMessageAt: at,
        slaClocks: stopClocks(ticket.slaClocks, RESPONSE_TARGETS),
      };
    case 'CustomerInfoRequested':
      // Asking the customer is a response too; the resolution clock pause is its own event.
      return {
        ...ticket,
        status: 'pending_customer',
        agentReplyCount: ticket.agentReplyCount + 1,
        firstResponseAt: ticket.firstResponseAt ?? at,
        lastAgentMessageAt: at,
        slaClocks: stopClocks(ticket.slaClocks, RESPONSE_TARGETS),
      };
    case 'InternalNoteAdded':
      return { ...ticket, internalNoteCount: ticket.internalNoteCount + 1 };
    case 'ProgressUpdateSent':
      return {
        ...ticket,
        lastAgentMessageAt: at,
        lastProgressUpdateAt: at,
        expectedResolutionAt: event.data.expectedResolutionAt ?? ticket.expectedResolutionAt,
      };
    case 'ReplyDeliveryFailed':
      return { ...ticket, failedDeliveryIds: [...(ticket.failedDeliveryIds ?? []), event.data.deliveryId] };
    case 'CollaborationRequested': {
      const { collaborationId, department, dueAt } = event.data;
      return {
        ...ticket,
        openCollaborations: [
          ...ticket.openCollaborations,
          { collaborationId, department, requestedAt: at, state: 'requested', dueAt, overdue: false },
        ],
        // Waiting on the customer is what the customer sees; it outranks waiting on a department.
        status: ticket.status === 'pending_customer' ? 'pending_customer' : 'pending_third_party',
      };
    }
    case 'CollaborationAccepted':
    case 'CollaborationOverdue':
      return {
        ...ticket,
        openCollaborations: ticket.openCollaborations.map((c) =>
          c.collaborationId !== event.data.collaborationId
            ? c
            : event.type === 'CollaborationAccepted'
              ? { ...c, state: 'accepted' as const }
              : { ...c, overdue: true },
        ),
      };
    case 'CollaborationCommented':
      return ticket;
    case 'CollaborationDeclined':
    case 'CollaborationCompleted': {
      const next = {
        ...ticket,
        openCollaborations: ticket.openCollaborations.filter((c) => c.collaborationId !== event.data.collaborationId),
      };
      return next.status === 'pending_third_party' ? { ...next, status: workingStatus(next) } : next;
    }
    case 'CompensationProposed': {
      const { compensationId, kind, amount, currency, proposedBy } = event.data;
      return {
        ...ticket,
        compensations: [
          ...ticket.compensations,
          { compensationId, kind, amount, currency, proposedBy, status: 'pending', approverLevel: null, issue: null },
        ],
      };
    }
    case 'CompensationApprovalRequested':
    case 'CompensationIssued':
      return {
        ...ticket,
        compensations: ticket.compensations.map((c) =>
          c.compensationId !== event.data.compensationId
            ? c
            : event.type === 'CompensationIssued'
              ? { ...c, issue: event.data.outcome }
              : { ...c, approverLevel: event.data.approverLevel },
        ),
      };
    case 'TicketTagsChanged':
      return { ...ticket, tags: event.data.tags };
    case 'CompensationApproved':
    case 'CompensationRejected': {
      const status = event.type === 'CompensationApproved' ? 'approved' : 'rejected';
      return {
        ...ticket,
        compensations: ticket.compensations.map((c) =>
          c.compensationId === event.data.compensationId ? { ...c, status } : c,
        ),
      };
    }
    case 'TicketResolved':
      return {
        ...ticket,
        status: 'resolved',
        resolvedAt: at,
        resolutionCode: event.data.resolutionCode,
        openCollaborations: [], // a forced resolution abandons them
        slaClocks: stopClocks(ticket.slaClocks),
      };
    case 'TicketReopened':
      return {
        ...ticket,
        status: 'open',
        reopenCount: event.data.reopenCount,
        resolvedAt: null,
        resolutionCode: null,
        closedAt: null,
        survey: null,
      };
    case 'TicketClosed':
      return { ...ticket, status: 'closed', closedAt: at, slaClocks: stopClocks(ticket.slaClocks) };
    case 'TicketMerged':
      return event.data.sourceTicketId === ticket.ticketId
        ? { ...ticket, status: 'merged', mergedInto: event.data.targetTicketId, slaClocks: stopClocks(ticket.slaClocks) }
        : { ...ticket, mergedFrom: [...ticket.mergedFrom, event.data.sourceTicketId] };
    case 'SurveySent':
      return {
        ...ticket,
        survey: { surveyId: event.data.surveyId, sentAt: at, expiresAt: event.data.expiresAt, rating: null, ratedAt: null },
      };
    case 'SatisfactionRated':
      return ticket.survey ? { ...ticket, survey: { ...ticket.survey, rating: event.data.rating, ratedAt: at } } : ticket;
    case 'SecondServiceRequested':
      return { ...ticket, secondServiceRequested: true };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
