import type { EventEnvelope, NewEvent } from '../envelope';
import type { EventDefinition } from '../events/event-definition';
import { EventRegistry } from '../events/event-registry';
import { CollaborationCompleted, CollaborationRequested } from './events/collaboration.events';
import { CompensationApproved, CompensationProposed, CompensationRejected } from './events/compensation.events';
import { AgentReplied, CustomerInfoRequested, InternalNoteAdded, ProgressUpdateSent } from './events/conversation.events';
import { SatisfactionRated, SecondServiceRequested, SurveySent } from './events/feedback.events';
import { CustomerMessageReceived, ReplyDeliveryFailed, TicketClassified, TicketReclassified } from './events/intake.events';
import { TicketClosed, TicketMerged, TicketReopened, TicketResolved } from './events/lifecycle.events';
import { TicketAssigned, TicketEscalated, TicketQueued, TicketTransferred, TicketUnassigned } from './events/routing.events';
import { SlaBreached, SlaClockPaused, SlaClockResumed, SlaClockRetargeted, SlaClockStarted, SlaWarningRaised } from './events/sla.events';
import { TicketOpened } from './events/ticket-opened.event';
import { SelfServiceAnswerOffered, SelfServiceOfferAnswered } from './events/self-service.events';
import {
  CollaborationAccepted,
  CollaborationCommented,
  CollaborationDeclined,
  CollaborationOverdue,
  CompensationApprovalRequested,
  CompensationIssued,
  TicketTagsChanged,
} from './events/resolution-work.events';

/** Every ticket event definition, in rough lifecycle order (the catalog keeps this order). */
export const ticketEventDefinitions = [
  TicketOpened,
  CustomerMessageReceived,
  TicketClassified,
  TicketReclassified,
  SelfServiceAnswerOffered,
  SelfServiceOfferAnswered,
  TicketQueued,
  TicketAssigned,
  TicketUnassigned,
  TicketTransferred,
  SlaClockStarted,
  SlaClockRetargeted,
  SlaClockPaused,
  SlaClockResumed,
  SlaWarningRaised,
  SlaBreached,
  TicketEscalated,
  AgentReplied,
  InternalNoteAdded,
  CustomerInfoRequested,
  CollaborationRequested,
  CollaborationAccepted,
  CollaborationCommented,
  CollaborationCompleted,
  CollaborationDeclined,
  CollaborationOverdue,
  CompensationProposed,
  CompensationApprovalRequested,
  CompensationApproved,
  CompensationRejected,
  CompensationIssued,
  TicketTagsChanged,
  ProgressUpdateSent,
  ReplyDeliveryFailed,
  TicketResolved,
  TicketReopened,
  TicketClosed,
  TicketMerged,
  SurveySent,
  SatisfactionRated,
  SecondServiceRequested,
] as const;

type Definitions = (typeof ticketEventDefinitions)[number];
type DataOf<D> = D extends EventDefinition<string, infer Data> ? Data : never;

export type TicketEventType = Definitions['type'];

/** Payload type per event type, e.g. `TicketEventData<'TicketAssigned'>`. */
export type TicketEventData<T extends TicketEventType> = DataOf<Extract<Definitions, { type: T }>>;

/** A stored ticket event, discriminated on `type`. */
export type TicketEvent = { [T in TicketEventType]: EventEnvelope<T, TicketEventData<T>> }[TicketEventType];

/** A ticket event as a decider emits it, discriminated on `type`. */
export type NewTicketEvent = { [T in TicketEventType]: NewEvent<T, TicketEventData<T>> }[TicketEventType];

export const ticketEventTypes: readonly TicketEventType[] = ticketEventDefinitions.map((d) => d.type);

export const ticketEventRegistry = new EventRegistry(ticketEventDefinitions);

export function isTicketEventType(type: string): type is TicketEventType {
  return ticketEventRegistry.get(type) !== undefined;
}

/** Problems with an event about to be appended (envelope and payload); empty when it may be written. */
export function validateEvent(event: NewEvent): string[] {
  return ticketEventRegistry.validateEvent(event);
}

/** A stored event at the current schema version (unknown types pass through). */
export function upcastEvent<E extends EventEnvelope>(event: E): E {
  return ticketEventRegistry.upcastEvent(event);
}

export function upcast(type: string, schemaVersion: number, data: unknown) {
  return ticketEventRegistry.upcast(type, schemaVersion, data);
}
