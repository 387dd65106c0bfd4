import { arrayOf, defineEvent, integer, nullable, oneOf, string } from '../events-kit';
import {
  ASSIGNMENT_REASONS,
  ESCALATION_REASONS,
  PRIORITIES,
  UNASSIGNMENT_REASONS,
  type AssignmentReason,
  type EscalationReason,
  type Priority,
  type UnassignmentReason,
} from '../vocabulary';
import { agentId, ticketId, ticketStream } from './shared-fields';

const groupId = string('The skill group (queue) that owns the ticket.');
const reasonText = (description: string) => string(description, { maxLength: 1000 });

export interface TicketQueuedData {
  ticketId: string;
  groupId: string;
  requiredSkills: string[];
  reason: string;
}

export const TicketQueued = defineEvent<'TicketQueued', TicketQueuedData>({
  type: 'TicketQueued',
  summary: 'The ticket waits in a skill group queue for an agent.',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'feedback'],
  schema: {
    ticketId,
    groupId,
    requiredSkills: arrayOf(string('A skill, e.g. `lang:zh`, `refund`.'), 'Skills an agent needs to take it.', { maxItems: 50 }),
    reason: reasonText('Why this queue (e.g. the routing rule that matched).'),
  },
});

export interface TicketAssignedData {
  ticketId: string;
  agentId: string;
  groupId: string;
  reason: AssignmentReason;
  /** Human-readable detail of the decision, e.g. "skills refund+zh, load 2/5". */
  explanation: string;
}

export const TicketAssigned = defineEvent<'TicketAssigned', TicketAssignedData>({
  type: 'TicketAssigned',
  summary: 'An agent now owns the ticket; the reason records why routing chose them.',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: {
    ticketId,
    agentId: agentId,
    groupId,
    reason: oneOf(ASSIGNMENT_REASONS, 'The rule that decided the assignment.'),
    explanation: reasonText('Detail of the decision for audit, e.g. matched skills and load.'),
  },
});

export interface TicketUnassignedData {
  ticketId: string;
  agentId: string;
  reason: UnassignmentReason;
}

export const TicketUnassigned = defineEvent<'TicketUnassigned', TicketUnassignedData>({
  type: 'TicketUnassigned',
  summary: 'The assigned agent gave the ticket up; it stays in its group.',
  streamCategory: ticketStream,
  producers: ['routing'],
  consumers: ['routing', 'resolution'],
  schema: {
    ticketId,
    agentId: string('The agent who held the ticket.'),
    reason: oneOf(UNASSIGNMENT_REASONS, 'Why the agent was removed.'),
  },
});

export interface TicketTransferredData {
  ticketId: string;
  fromGroupId: string | null;
  fromAgentId: string | null;
  toGroupId: string;
  toAgentId: string | null;
  reason: string;
}

export const TicketTransferred = defineEvent<'TicketTransferred', TicketTransferredData>({
  type: 'TicketTransferred',
  summary: 'The ticket moved to another group and optionally straight to another agent.',
  streamCategory: ticketStream,
  producers: ['routing', 'resolution'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: {
    ticketId,
    fromGroupId: nullable(string('Group before the transfer.')),
    fromAgentId: nullable(string('Agent before the transfer.')),
    toGroupId: string('Group after the transfer.'),
    toAgentId: nullable(string('Agent after the transfer; null = queued in the new group.')),
    reason: reasonText('Why it was transferred.'),
  },
});

export interface TicketEscalatedData {
  ticketId: string;
  /** 1 = team lead, 2 = supervisor, 3 = management; each escalation raises it by one. */
  level: number;
  reason: EscalationReason;
  previousPriority: Priority | null;
  priority: Priority;
  toGroupId: string | null;
  note: string | null;
}

export const TicketEscalated = defineEvent<'TicketEscalated', TicketEscalatedData>({
  type: 'TicketEscalated',
  summary: 'The ticket was escalated a level, possibly raising priority and changing group.',
  streamCategory: ticketStream,
  producers: ['routing', 'resolution'],
  consumers: ['routing', 'resolution', 'feedback'],
  schema: {
    ticketId,
    level: integer('Escalation level after this event (1 team lead, 2 supervisor, 3 management).', { min: 1, max: 3 }),
    reason: oneOf(ESCALATION_REASONS, 'What triggered the escalation.'),
    previousPriority: nullable(oneOf(PRIORITIES, 'Priority before.')),
    priority: oneOf(PRIORITIES, 'Priority after (never lower than before).'),
    toGroupId: nullable(string('Escalation group, when the ticket moves.')),
    note: nullable(reasonText('Free-text context for whoever picks it up.')),
  },
});
