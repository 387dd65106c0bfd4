import { arrayOf, defineEvent, integer, nullable, oneOf, string, timestamp } from '../events-kit';
import { COMPENSATION_KINDS, DEPARTMENTS, type CompensationKind, type Department } from '../vocabulary';
import { amount, currency, ticketId, ticketStream } from './shared-fields';

/* The agent's work on a ticket beyond talking to the customer: a department working a collaboration
 * task, compensation authority and fulfilment, tags. All live in the ticket stream so the ticket's
 * own history shows every step with its actor, and the decider guards every transition. */

const collaborationId = string('Id of the collaboration task within the ticket.');
const department = oneOf(DEPARTMENTS, 'The department working the task.');

/** Who may grant what: an agent within their limits, above them a supervisor, above those a manager. */
export const AUTHORITY_LEVELS = ['agent', 'supervisor', 'manager'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
export const APPROVER_LEVELS = ['supervisor', 'manager'] as const;
export type ApproverLevel = (typeof APPROVER_LEVELS)[number];

export interface CollaborationAcceptedData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  acceptedBy: string;
}

export const CollaborationAccepted = defineEvent<'CollaborationAccepted', CollaborationAcceptedData>({
  type: 'CollaborationAccepted',
  summary: 'The department took the collaboration task on; the ticket still waits on it.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: { ticketId, collaborationId, department, acceptedBy: string('Department member who accepted it.') },
});

export interface CollaborationCommentedData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  commentId: string;
  authorId: string;
  text: string;
}

export const CollaborationCommented = defineEvent<'CollaborationCommented', CollaborationCommentedData>({
  type: 'CollaborationCommented',
  summary: 'A comment on a collaboration task (department or agent); internal, never shown to the customer.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: {
    ticketId,
    collaborationId,
    department,
    commentId: string('Id of the comment.'),
    authorId: string('Who wrote it.'),
    text: string('Comment text.', { maxLength: 10_000 }),
  },
});

export interface CollaborationDeclinedData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  declinedBy: string;
  reason: string;
}

export const CollaborationDeclined = defineEvent<'CollaborationDeclined', CollaborationDeclinedData>({
  type: 'CollaborationDeclined',
  summary: 'The department declined the task; it is no longer open and the agent must find another way.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    collaborationId,
    department,
    declinedBy: string('Department member who declined it.'),
    reason: string('Why it was declined.', { maxLength: 5_000 }),
  },
});

export interface CollaborationOverdueData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  dueAt: string;
  /** Who the overdue task was escalated to (the department's escalation contact), null = supervisors. */
  escalatedTo: string | null;
}

export const CollaborationOverdue = defineEvent<'CollaborationOverdue', CollaborationOverdueData>({
  type: 'CollaborationOverdue',
  summary: 'A collaboration task passed its due time unanswered and was escalated (once per task).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'routing', 'feedback'],
  schema: {
    ticketId,
    collaborationId,
    department,
    dueAt: timestamp('When the task was due.'),
    escalatedTo: nullable(string('Escalation contact of the department.')),
  },
});

export interface CompensationApprovalRequestedData {
  ticketId: string;
  compensationId: string;
  /** The lowest level whose limit covers the compensation. */
  approverLevel: ApproverLevel;
  /** What the proposer may grant of this kind on this ticket (minor units/points); null = nothing. */
  proposerLimit: number | null;
  /** Granted of this kind on this ticket including this proposal, the amount the limits are checked against. */
  ticketTotal: number;
}

export const CompensationApprovalRequested = defineEvent<'CompensationApprovalRequested', CompensationApprovalRequestedData>({
  type: 'CompensationApprovalRequested',
  summary: 'A proposed compensation is above the proposer’s authority; it waits for an approver of the named level.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: {
    ticketId,
    compensationId: string('The compensation awaiting approval.'),
    approverLevel: oneOf(APPROVER_LEVELS, 'Who must approve: a supervisor, or above their limits a manager.'),
    proposerLimit: nullable(integer('The proposer’s per-ticket limit for this kind.', { min: 0 })),
    ticketTotal: integer('Per-ticket total of this kind including this proposal.', { min: 0 }),
  },
});

export const COMPENSATION_ISSUE_OUTCOMES = ['issued', 'failed'] as const;
export type CompensationIssueOutcome = (typeof COMPENSATION_ISSUE_OUTCOMES)[number];

export interface CompensationIssuedData {
  ticketId: string;
  compensationId: string;
  kind: CompensationKind;
  amount: number;
  currency: string | null;
  /** Sent to the shop's order/payment system, which must not pay twice for one key. */
  idempotencyKey: string;
  outcome: CompensationIssueOutcome;
  /** The shop's reference (refund id, coupon code, reship order). */
  externalReference: string | null;
  failureReason: string | null;
}

export const CompensationIssued = defineEvent<'CompensationIssued', CompensationIssuedData>({
  type: 'CompensationIssued',
  summary: 'The shop’s order/payment system answered the issue request for an approved compensation.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    compensationId: string('The compensation issued.'),
    kind: oneOf(COMPENSATION_KINDS, 'What the customer got.'),
    amount,
    currency,
    idempotencyKey: string('Idempotency key sent to the shop.'),
    outcome: oneOf(COMPENSATION_ISSUE_OUTCOMES, 'Whether the shop issued it.'),
    externalReference: nullable(string('The shop’s reference for it.')),
    failureReason: nullable(string('Why the shop refused it.', { maxLength: 2_000 })),
  },
  rules: (data) => (data.outcome === 'failed' && data.failureReason === null ? ['data.failureReason is required when the outcome is failed'] : []),
});

export interface TicketTagsChangedData {
  ticketId: string;
  added: string[];
  removed: string[];
  /** The ticket's tags afterwards. */
  tags: string[];
}

const tag = string('A tag.', { maxLength: 64 });

export const TicketTagsChanged = defineEvent<'TicketTagsChanged', TicketTagsChangedData>({
  type: 'TicketTagsChanged',
  summary: 'Tags were added to or removed from the ticket (by hand or by a macro).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'knowledge'],
  schema: {
    ticketId,
    added: arrayOf(tag, 'Tags added.', { maxItems: 50 }),
    removed: arrayOf(tag, 'Tags removed.', { maxItems: 50 }),
    tags: arrayOf(tag, 'All tags after the change.', { maxItems: 100 }),
  },
});
