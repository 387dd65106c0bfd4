import type { AuthorityLevel, CompensationKind, CompensationTerms } from '@ticketing/contracts';

/** Per-ticket limits by authority level and kind (minor units; points for `points`). A kind missing
 * at a level means that level may not grant it at all. */
export type CompensationAuthority = Record<AuthorityLevel, Partial<Record<CompensationKind, number>>>;

/** Tenant- or deployment-level rules the decider applies; everything else is fixed by the model. */
export interface TicketPolicy {
  /** How long after resolution a customer reply or a reopen request reopens the ticket. */
  reopenWindowMs: number;
  compensationApproval: {
    /** Monetary compensations up to this amount (minor units) are approved by policy. */
    maxAutoApprovedAmount: number;
    maxAutoApprovedPoints: number;
    /** Kinds that always need a supervisor, whatever the amount. */
    alwaysRequireApproval: readonly CompensationKind[];
  };
  /** When set (a tenant's configuration), replaces `compensationApproval`: the proposer's own
   * limit approves at once, above it the lowest level whose limit covers the ticket's total. */
  compensationAuthority?: CompensationAuthority;
}

export const defaultTicketPolicy: TicketPolicy = {
  reopenWindowMs: 7 * 24 * 60 * 60 * 1000,
  compensationApproval: {
    maxAutoApprovedAmount: 2_000,
    maxAutoApprovedPoints: 1_000,
    alwaysRequireApproval: ['full_refund', 'replacement'],
  },
};

export function compensationRequiresApproval(policy: TicketPolicy, terms: CompensationTerms): boolean {
  const rules = policy.compensationApproval;
  if (rules.alwaysRequireApproval.includes(terms.kind)) return true;
  const limit = terms.kind === 'points' ? rules.maxAutoApprovedPoints : rules.maxAutoApprovedAmount;
  return terms.amount > limit;
}
