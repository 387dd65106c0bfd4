import type {
  ApproverLevel,
  Category,
  CompensationIssueOutcome,
  Channel,
  ChannelClass,
  CompensationKind,
  CustomerTier,
  Department,
  Priority,
  ResolutionCode,
  SlaPauseReason,
  SlaTarget,
  TicketStatus,
} from '@ticketing/contracts';

export interface SlaClock {
  policyId: string;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  /** `stopped` = target met (reply sent, ticket resolved) or the ticket ended. */
  state: 'running' | 'paused' | 'stopped';
  pausedAt: string | null;
  pauseReason: SlaPauseReason | null;
  warned: boolean;
  breached: boolean;
}

export interface OpenCollaboration {
  collaborationId: string;
  department: Department;
  requestedAt: string;
  /** `accepted` once the department took it on. */
  state: 'requested' | 'accepted';
  dueAt: string | null;
  /** Escalated for passing `dueAt` (once). */
  overdue: boolean;
}

export interface Compensation {
  compensationId: string;
  kind: CompensationKind;
  amount: number;
  currency: string | null;
  proposedBy: string;
  status: 'pending' | 'approved' | 'rejected';
  /** Who must approve it when above the proposer's authority; null = none needed or legacy policy. */
  approverLevel: ApproverLevel | null;
  /** What the shop's order/payment system answered; null = not (yet) sent or not known. */
  issue: CompensationIssueOutcome | null;
}

/** The survey of the current resolution; reset when the ticket is reopened. */
export interface Survey {
  surveyId: string;
  sentAt: string;
  expiresAt: string;
  rating: number | null;
  ratedAt: string | null;
}

/** Everything the services need to decide about a ticket, folded from its stream. */
export interface Ticket {
  status: TicketStatus;
  ticketId: string;
  tenantId: string;
  channel: Channel;
  channelClass: ChannelClass;
  customerId: string;
  customerTier: CustomerTier;
  subject: string;
  language: string;
  orderNumber: string | null;
  category: Category | null;
  /** The tenant's own subcategory under `category` (absent on states built before subcategories existed). */
  subcategory?: string | null;
  priority: Priority | null;
  complaint: boolean;
  groupId: string | null;
  requiredSkills: string[];
  assigneeId: string | null;
  escalationLevel: number;
  slaClocks: Partial<Record<SlaTarget, SlaClock>>;
  openCollaborations: OpenCollaboration[];
  compensations: Compensation[];
  openedAt: string;
  firstResponseAt: string | null;
  lastCustomerMessageAt: string;
  lastAgentMessageAt: string | null;
  resolvedAt: string | null;
  resolutionCode: ResolutionCode | null;
  closedAt: string | null;
  reopenCount: number;
  transferCount: number;
  mergedInto: string | null;
  mergedFrom: string[];
  /** Including the opening message. */
  customerMessageCount: number;
  agentReplyCount: number;
  internalNoteCount: number;
  tags: string[];
  /** The latest resolution time promised to the customer in a progress update. */
  expectedResolutionAt: string | null;
  lastProgressUpdateAt: string | null;
  survey: Survey | null;
  secondServiceRequested: boolean;
  selfServiceOffer: SelfServiceOffer | null;
  /** Deliveries to the customer that failed for good (ReplyDeliveryFailed), oldest first. */
  failedDeliveryIds: string[];
  lastEventAt: string;
}

/** The self-service answer offered on the ticket (at most one is live at a time). */
export interface SelfServiceOffer {
  offerId: string;
  articleId: string;
  status: 'offered' | 'accepted' | 'declined';
}

export interface NoTicket {
  status: 'none';
}

export type TicketState = NoTicket | Ticket;

export function initialState(): TicketState {
  return { status: 'none' };
}

export function ticketExists(state: TicketState): state is Ticket {
  return state.status !== 'none';
}
