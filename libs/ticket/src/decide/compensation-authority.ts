import { AUTHORITY_LEVELS, type Actor, type ApproverLevel, type AuthorityLevel, type NewTicketEvent } from '@ticketing/contracts';
import type { ApproveCompensation, ProposeCompensation, RejectCompensation } from '../commands/ticket-commands';
import { CompensationLimitExceededError, PermissionDeniedError } from '../ticket-errors';
import type { CompensationAuthority } from '../ticket-policy';
import type { Compensation, Ticket } from '../ticket-state';
import type { DecisionContext } from './decision-context';

/* Authority limits: each level may grant, per ticket and per kind, up to its limit. The decider
 * checks the ticket's running total of the kind (pending and approved, not rejected), so splitting
 * one large refund into small ones does not get round the limit. */

/** The authority an actor has when the command does not say (services pass the caller's role). */
export function authorityOf(actor: Actor): AuthorityLevel {
  return actor.kind === 'supervisor' ? 'supervisor' : 'agent';
}

const rank = (level: AuthorityLevel): number => AUTHORITY_LEVELS.indexOf(level);

/** Granted of `kind` on this ticket so far, counting what is still waiting for approval. */
export function ticketTotal(ticket: Ticket, kind: Compensation['kind']): number {
  return ticket.compensations.filter((c) => c.kind === kind && c.status !== 'rejected').reduce((sum, c) => sum + c.amount, 0);
}

/** The lowest level at or above `from` whose limit for `kind` covers `total`; undefined = nobody's. */
export function levelCovering(authority: CompensationAuthority, kind: Compensation['kind'], total: number, from: AuthorityLevel): AuthorityLevel | undefined {
  return AUTHORITY_LEVELS.slice(rank(from)).find((level) => (authority[level][kind] ?? -1) >= total);
}

export function proposeWithinAuthority(
  command: ProposeCompensation,
  ticket: Ticket,
  ctx: DecisionContext,
  authority: CompensationAuthority,
): NewTicketEvent[] {
  const { authority: given, ...data } = command.data;
  const proposer = given ?? authorityOf(command.metadata.actor);
  const total = ticketTotal(ticket, data.kind) + data.amount;
  const level = levelCovering(authority, data.kind, total, proposer);
  if (level === undefined) {
    const highest = AUTHORITY_LEVELS[AUTHORITY_LEVELS.length - 1];
    throw new CompensationLimitExceededError(ticket.ticketId, data.kind, total, authority[highest][data.kind] ?? null);
  }
  const requiresApproval = level !== proposer;
  const proposed = ctx.emit('CompensationProposed', { ticketId: ticket.ticketId, ...data, requiresApproval });
  if (requiresApproval) {
    return [
      proposed,
      ctx.emit('CompensationApprovalRequested', {
        ticketId: ticket.ticketId,
        compensationId: data.compensationId,
        approverLevel: level as ApproverLevel,
        proposerLimit: authority[proposer][data.kind] ?? null,
        ticketTotal: total,
      }),
    ];
  }
  return [
    proposed,
    ctx.emit('CompensationApproved', {
      ticketId: ticket.ticketId,
      compensationId: data.compensationId,
      kind: data.kind,
      amount: data.amount,
      currency: data.currency,
      approverId: command.metadata.actor.id,
      autoApproved: true,
      reason: `within the ${proposer} limit of ${authority[proposer][data.kind]} for ${data.kind} per ticket`,
    }),
  ];
}

/** A compensation routed to a manager cannot be decided by a supervisor. */
export function requireApproverLevel(ticket: Ticket, compensation: Compensation, command: ApproveCompensation | RejectCompensation): void {
  const needed = compensation.approverLevel;
  const has = command.data.approverLevel ?? 'supervisor';
  if (needed !== null && rank(has) < rank(needed)) {
    throw new PermissionDeniedError(ticket.ticketId, `compensation ${compensation.compensationId} is above a ${has}'s limit; a ${needed} must decide`);
  }
}
