import { arrayOf, boolean, defineEvent, integer, nullable, oneOf, string } from '../events-kit';
import {
  CLOSE_REASONS,
  REOPEN_REASONS,
  RESOLUTION_CODES,
  TICKET_STATUSES,
  type CloseReason,
  type ReopenReason,
  type ResolutionCode,
  type TicketStatus,
} from '../vocabulary';
import { ticketId, ticketStream } from './shared-fields';

export interface TicketResolvedData {
  ticketId: string;
  resolutionCode: ResolutionCode;
  summary: string;
  resolvedBy: string;
  /** Set by the decider: never reopened, never transferred, at most one agent reply. */
  firstContactResolution: boolean;
  /** Resolved although collaborations were still open (supervisor override). */
  forced: boolean;
  /** Collaborations still open when it was force-resolved; they are abandoned. */
  abandonedCollaborationIds: string[];
}

export const TicketResolved = defineEvent<'TicketResolved', TicketResolvedData>({
  type: 'TicketResolved',
  summary: 'The agent considers the request solved; all SLA clocks stop; the reopen window starts.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['intake', 'routing', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    resolutionCode: oneOf(RESOLUTION_CODES, 'How it was solved.'),
    summary: string('Resolution summary (knowledge mines it for articles).', { maxLength: 10_000 }),
    resolvedBy: string('Agent who resolved it.'),
    firstContactResolution: boolean('Solved without reopen, transfer or a second agent reply.'),
    forced: boolean('Resolved despite open collaborations.'),
    abandonedCollaborationIds: arrayOf(string('Collaboration id.'), 'Collaborations open at a forced resolution.'),
  },
  rules: (data) =>
    data.forced || data.abandonedCollaborationIds.length === 0
      ? []
      : ['data.abandonedCollaborationIds must be empty unless data.forced is true'],
});

export interface TicketReopenedData {
  ticketId: string;
  reason: ReopenReason;
  /** Reopened outside the normal window (after close), allowed by a policy such as second service. */
  byPolicy: boolean;
  previousStatus: Extract<TicketStatus, 'resolved' | 'closed'>;
  /** How many times the ticket has been reopened, including this one. */
  reopenCount: number;
  note: string | null;
}

export const TicketReopened = defineEvent<'TicketReopened', TicketReopenedData>({
  type: 'TicketReopened',
  summary: 'A resolved (or, by policy, closed) ticket is `open` again.',
  streamCategory: ticketStream,
  producers: ['intake', 'resolution', 'feedback'],
  consumers: ['routing', 'resolution', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    reason: oneOf(REOPEN_REASONS, 'Why it was reopened.'),
    byPolicy: boolean('Reopened after close by a policy (e.g. second service).'),
    previousStatus: oneOf(['resolved', 'closed'] as const, 'Status before reopening.'),
    reopenCount: integer('Reopen count including this one.', { min: 1 }),
    note: nullable(string('Context for the agent.', { maxLength: 2000 })),
  },
  rules: (data) =>
    data.previousStatus === 'closed' && !data.byPolicy ? ['data.byPolicy must be true to reopen a closed ticket'] : [],
});

export interface TicketClosedData {
  ticketId: string;
  reason: CloseReason;
  previousStatus: TicketStatus;
}

export const TicketClosed = defineEvent<'TicketClosed', TicketClosedData>({
  type: 'TicketClosed',
  summary: 'Final state: no more work (only feedback and reopen-by-policy are accepted).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['routing', 'feedback', 'knowledge'],
  schema: {
    ticketId,
    reason: oneOf(CLOSE_REASONS, 'Why it was closed.'),
    previousStatus: oneOf(TICKET_STATUSES, 'Status before closing.'),
  },
});

export interface TicketMergedData {
  ticketId: string;
  sourceTicketId: string;
  targetTicketId: string;
  reason: string;
}

export const TicketMerged = defineEvent<'TicketMerged', TicketMergedData>({
  type: 'TicketMerged',
  summary:
    'Written to both streams: in the source it ends the ticket (`merged`), in the target it records the absorbed ticket.',
  streamCategory: ticketStream,
  producers: ['resolution', 'intake'],
  consumers: ['routing', 'resolution', 'intake', 'feedback'],
  schema: {
    ticketId,
    sourceTicketId: string('The duplicate ticket that is merged away.'),
    targetTicketId: string('The ticket that lives on.'),
    reason: string('Why they were merged.', { maxLength: 1000 }),
  },
  rules: (data) => [
    ...(data.sourceTicketId === data.targetTicketId ? ['data.targetTicketId must differ from data.sourceTicketId'] : []),
    ...(data.ticketId === data.sourceTicketId || data.ticketId === data.targetTicketId
      ? []
      : ['data.ticketId must be the source or the target ticket id']),
  ],
});
