import { boolean, defineEvent, nullable, oneOf, string } from '../events-kit';
import { COMPENSATION_KINDS, type CompensationKind } from '../vocabulary';
import { amount, currency, ticketId, ticketStream } from './shared-fields';

const compensationId = string('Id of the compensation within the ticket.');

/** What is granted; repeated on approval so fulfilment (refund, coupon) needs only that one event. */
export interface CompensationTerms {
  kind: CompensationKind;
  amount: number;
  currency: string | null;
}

const terms = {
  kind: oneOf(COMPENSATION_KINDS, 'What the customer gets.'),
  amount,
  currency,
};

/** Points are not money; everything else is valued in a currency. */
const currencyMatchesKind = (data: CompensationTerms): string[] => {
  if (data.kind === 'points') return data.currency === null ? [] : ['data.currency must be null for points'];
  return data.currency === null ? [`data.currency must be a 3-letter ISO-4217 code for ${data.kind}`] : [];
};

export interface CompensationProposedData extends CompensationTerms {
  ticketId: string;
  compensationId: string;
  reason: string;
  proposedBy: string;
  /** Set by the decider from the ticket policy (kind and amount thresholds). */
  requiresApproval: boolean;
}

export const CompensationProposed = defineEvent<'CompensationProposed', CompensationProposedData>({
  type: 'CompensationProposed',
  summary: 'An agent proposed a goodwill compensation; above policy limits it waits for a supervisor.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    compensationId,
    ...terms,
    reason: string('Why the customer is compensated.', { maxLength: 2000 }),
    proposedBy: string('Agent who proposed it.'),
    requiresApproval: boolean('Whether a supervisor must approve it (false = approved in the same decision).'),
  },
  rules: currencyMatchesKind,
});

export interface CompensationApprovedData extends CompensationTerms {
  ticketId: string;
  compensationId: string;
  approverId: string;
  /** Within policy limits: approved by the policy, not a person. */
  autoApproved: boolean;
  /** Why the approver granted it (v2); null for approvals by policy and v1 events. */
  reason: string | null;
}

export const CompensationApproved = defineEvent<'CompensationApproved', CompensationApprovedData>({
  type: 'CompensationApproved',
  schemaVersion: 2,
  summary: 'The compensation is granted; fulfilment (refund, coupon, reship) acts on this event.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    compensationId,
    ...terms,
    approverId: string('Supervisor who approved, or `policy` when auto-approved.'),
    autoApproved: boolean('Whether the policy approved it without a person.'),
    reason: nullable(string('Why the approver granted it.', { maxLength: 2000 })),
  },
  rules: currencyMatchesKind,
  upcasters: [{ fromVersion: 1, description: 'adds reason (null: v1 approvals carried none)', upcast: (data) => ({ ...data, reason: null }) }],
});

export interface CompensationRejectedData {
  ticketId: string;
  compensationId: string;
  approverId: string;
  reason: string;
}

export const CompensationRejected = defineEvent<'CompensationRejected', CompensationRejectedData>({
  type: 'CompensationRejected',
  summary: 'A supervisor turned a pending compensation down.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    compensationId,
    approverId: string('Supervisor who rejected it.'),
    reason: string('Why it was rejected.', { maxLength: 2000 }),
  },
});
