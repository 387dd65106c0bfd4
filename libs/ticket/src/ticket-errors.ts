import type { TicketStatus } from '@ticketing/contracts';

/** Stable, machine-readable reasons a ticket command is refused; APIs map them to problem types. */
export type TicketErrorCode =
  | 'ticket_not_found'
  | 'ticket_already_exists'
  | 'ticket_closed'
  | 'ticket_merged'
  | 'tenant_mismatch'
  | 'invalid_transition'
  | 'invalid_command'
  | 'permission_denied'
  | 'already_assigned'
  | 'not_assigned'
  | 'collaborations_open'
  | 'collaboration_not_open'
  | 'compensation_pending'
  | 'compensation_not_pending'
  | 'compensation_limit_exceeded'
  | 'duplicate_id'
  | 'reopen_window_expired'
  | 'sla_clock_not_running'
  | 'sla_clock_not_paused'
  | 'sla_not_due'
  | 'escalation_limit_reached'
  | 'survey_not_sent'
  | 'survey_already_sent'
  | 'survey_already_rated'
  | 'survey_expired'
  | 'second_service_already_requested';

/** Base of every refusal by the ticket decider. Anything else thrown from `decide` is a bug. */
export abstract class TicketDomainError extends Error {
  abstract readonly code: TicketErrorCode;

  constructor(
    message: string,
    readonly ticketId: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class TicketNotFoundError extends TicketDomainError {
  readonly code = 'ticket_not_found';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} does not exist`, ticketId);
  }
}

export class TicketAlreadyExistsError extends TicketDomainError {
  readonly code = 'ticket_already_exists';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} already exists`, ticketId);
  }
}

/** Closed tickets accept only feedback and a reopen by policy. */
export class TicketClosedError extends TicketDomainError {
  readonly code = 'ticket_closed';
  constructor(ticketId: string, commandType: string) {
    super(`Ticket ${ticketId} is closed; ${commandType} is not accepted`, ticketId);
  }
}

export class TicketMergedError extends TicketDomainError {
  readonly code = 'ticket_merged';
  constructor(
    ticketId: string,
    readonly mergedInto: string,
  ) {
    super(`Ticket ${ticketId} was merged into ${mergedInto}; send commands there`, ticketId);
  }
}

export class TenantMismatchError extends TicketDomainError {
  readonly code = 'tenant_mismatch';
  constructor(ticketId: string) {
    // Deliberately does not name the owning tenant: that would leak across tenants.
    super(`Ticket ${ticketId} does not belong to the command's tenant`, ticketId);
  }
}

export class InvalidTransitionError extends TicketDomainError {
  readonly code = 'invalid_transition';
  constructor(
    ticketId: string,
    readonly status: TicketStatus,
    readonly commandType: string,
    detail?: string,
  ) {
    super(`${commandType} is not allowed on ticket ${ticketId} in status ${status}${detail ? `: ${detail}` : ''}`, ticketId);
  }
}

/** The command's data would produce an event that breaks its contract (field-level problems). */
export class InvalidCommandError extends TicketDomainError {
  readonly code = 'invalid_command';
  constructor(
    ticketId: string,
    readonly problems: string[],
  ) {
    super(`Invalid command for ticket ${ticketId}: ${problems.join('; ')}`, ticketId);
  }
}

export class PermissionDeniedError extends TicketDomainError {
  readonly code = 'permission_denied';
  constructor(ticketId: string, reason: string) {
    super(`Not permitted on ticket ${ticketId}: ${reason}`, ticketId);
  }
}

export class AlreadyAssignedError extends TicketDomainError {
  readonly code = 'already_assigned';
  constructor(
    ticketId: string,
    readonly assigneeId: string,
  ) {
    super(`Ticket ${ticketId} is already assigned to ${assigneeId}; transfer or unassign first`, ticketId);
  }
}

export class NotAssignedError extends TicketDomainError {
  readonly code = 'not_assigned';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} is not assigned`, ticketId);
  }
}

export class CollaborationsOpenError extends TicketDomainError {
  readonly code = 'collaborations_open';
  constructor(
    ticketId: string,
    readonly collaborationIds: string[],
  ) {
    super(`Ticket ${ticketId} has open collaborations (${collaborationIds.join(', ')}); complete them or force as supervisor`, ticketId);
  }
}

export class CollaborationNotOpenError extends TicketDomainError {
  readonly code = 'collaboration_not_open';
  constructor(ticketId: string, collaborationId: string) {
    super(`Collaboration ${collaborationId} is not open on ticket ${ticketId}`, ticketId);
  }
}

export class CompensationPendingError extends TicketDomainError {
  readonly code = 'compensation_pending';
  constructor(
    ticketId: string,
    readonly compensationIds: string[],
  ) {
    super(`Ticket ${ticketId} has compensations awaiting approval (${compensationIds.join(', ')})`, ticketId);
  }
}

export class CompensationNotPendingError extends TicketDomainError {
  readonly code = 'compensation_not_pending';
  constructor(ticketId: string, compensationId: string) {
    super(`Compensation ${compensationId} on ticket ${ticketId} is not awaiting approval`, ticketId);
  }
}

/** Nobody's authority covers the compensation: the tenant's highest limit is below the ticket total. */
export class CompensationLimitExceededError extends TicketDomainError {
  readonly code = 'compensation_limit_exceeded';
  constructor(
    ticketId: string,
    readonly kind: string,
    readonly ticketTotal: number,
    readonly highestLimit: number | null,
  ) {
    super(
      `A ${kind} totalling ${ticketTotal} on ticket ${ticketId} is above every authority limit (highest: ${highestLimit ?? 'not grantable'})`,
      ticketId,
    );
  }
}

/** A collaboration, compensation or survey id is reused within the ticket. */
export class DuplicateIdError extends TicketDomainError {
  readonly code = 'duplicate_id';
  constructor(ticketId: string, what: string, id: string) {
    super(`${what} ${id} already exists on ticket ${ticketId}`, ticketId);
  }
}

export class ReopenWindowExpiredError extends TicketDomainError {
  readonly code = 'reopen_window_expired';
  constructor(ticketId: string, resolvedAt: string) {
    super(`Ticket ${ticketId} was resolved at ${resolvedAt}, outside the reopen window; open a follow-up ticket`, ticketId);
  }
}

export class SlaClockNotRunningError extends TicketDomainError {
  readonly code = 'sla_clock_not_running';
  constructor(ticketId: string, target: string) {
    super(`SLA clock ${target} on ticket ${ticketId} is not running`, ticketId);
  }
}

export class SlaClockNotPausedError extends TicketDomainError {
  readonly code = 'sla_clock_not_paused';
  constructor(ticketId: string, target: string) {
    super(`SLA clock ${target} on ticket ${ticketId} is not paused`, ticketId);
  }
}

/** A warning/breach timer fired before the (possibly shifted) deadline: the timer is stale. */
export class SlaNotDueError extends TicketDomainError {
  readonly code = 'sla_not_due';
  constructor(ticketId: string, target: string, at: string) {
    super(`SLA clock ${target} on ticket ${ticketId} is not due until ${at}`, ticketId);
  }
}

export class EscalationLimitReachedError extends TicketDomainError {
  readonly code = 'escalation_limit_reached';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} is already at the highest escalation level`, ticketId);
  }
}

export class SurveyNotSentError extends TicketDomainError {
  readonly code = 'survey_not_sent';
  constructor(ticketId: string, surveyId: string) {
    super(`Survey ${surveyId} was not sent for ticket ${ticketId}`, ticketId);
  }
}

export class SurveyAlreadySentError extends TicketDomainError {
  readonly code = 'survey_already_sent';
  constructor(ticketId: string) {
    super(`A survey was already sent for this resolution of ticket ${ticketId}`, ticketId);
  }
}

export class SurveyAlreadyRatedError extends TicketDomainError {
  readonly code = 'survey_already_rated';
  constructor(ticketId: string, surveyId: string) {
    super(`Survey ${surveyId} of ticket ${ticketId} was already answered`, ticketId);
  }
}

export class SurveyExpiredError extends TicketDomainError {
  readonly code = 'survey_expired';
  constructor(ticketId: string, surveyId: string) {
    super(`Survey ${surveyId} of ticket ${ticketId} has expired`, ticketId);
  }
}

export class SecondServiceAlreadyRequestedError extends TicketDomainError {
  readonly code = 'second_service_already_requested';
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} already had its second service`, ticketId);
  }
}
