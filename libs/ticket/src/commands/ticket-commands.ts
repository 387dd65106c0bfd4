import type {
  SelfServiceAnswerOfferedData,
  SelfServiceOfferAnsweredData,
  AgentRepliedData,
  ApproverLevel,
  AuthorityLevel,
  CompensationIssuedData,
  Channel,
  CloseReason,
  CollaborationRequestedData,
  CommandMetadata,
  CompensationProposedData,
  CustomerInfoRequestedData,
  CustomerMessageReceivedData,
  EscalationReason,
  InternalNoteAddedData,
  Priority,
  ProgressUpdateSentData,
  ReopenReason,
  ResolutionCode,
  SatisfactionDimensions,
  ReplyDeliveryFailedData,
  SecondServiceRequestedData,
  SlaClockRetargetedData,
  SlaClockStartedData,
  SlaPauseReason,
  SlaTarget,
  SurveySentData,
  TicketAssignedData,
  TicketClassifiedData,
  TicketOpenedData,
  TicketQueuedData,
  TicketReclassifiedData,
  TicketUnassignedData,
} from '@ticketing/contracts';

/** Emmett-style command: `type` + `data` + `metadata`, plus the ticket it targets. */
export interface TicketCommandOf<Type extends string, Data> {
  type: Type;
  ticketId: string;
  data: Data;
  metadata: CommandMetadata;
}

/* Command payloads reuse the event payloads they lead to, minus what the decider fills in
 * (ticketId, and facts derived from state such as `firstResponse` or `previousPriority`). */
type From<EventData, Derived extends keyof EventData = never> = Omit<EventData, 'ticketId' | Derived>;
/** Outbound messages default to the ticket's own channel. */
type WithOptionalChannel<T extends { channel: Channel }> = Omit<T, 'channel'> & { channel?: Channel };

export type OpenTicket = TicketCommandOf<'OpenTicket', From<TicketOpenedData, 'channelClass'>>;
export type ReceiveCustomerMessage = TicketCommandOf<'ReceiveCustomerMessage', From<CustomerMessageReceivedData>>;
/** Intake gave up delivering a message to the customer: put it on the ticket (once per delivery). */
export type RecordReplyDeliveryFailure = TicketCommandOf<'RecordReplyDeliveryFailure', From<ReplyDeliveryFailedData>>;
/** The v2 fields are optional for callers that classify by hand (und, not triage, no suggestion). */
export type ClassifyTicket = TicketCommandOf<
  'ClassifyTicket',
  Omit<From<TicketClassifiedData>, 'language' | 'needsTriage' | 'suggestedCategory' | 'subcategory'> &
    Partial<Pick<TicketClassifiedData, 'language' | 'needsTriage' | 'suggestedCategory' | 'subcategory'>>
>;
/** `subcategory` left out keeps the ticket's when the category stays, and clears it when the category changes. */
export type ReclassifyTicket = TicketCommandOf<
  'ReclassifyTicket',
  Omit<From<TicketReclassifiedData, 'previousCategory' | 'previousPriority' | 'previousSubcategory'>, 'subcategory'> & { subcategory?: string | null }
>;

export type OfferSelfServiceAnswer = TicketCommandOf<'OfferSelfServiceAnswer', From<SelfServiceAnswerOfferedData, 'channel'>>;
/** The customer's answer to the offer; accepting resolves the ticket as `deflected`. */
export type AnswerSelfServiceOffer = TicketCommandOf<'AnswerSelfServiceOffer', From<SelfServiceOfferAnsweredData>>;

export type QueueTicket = TicketCommandOf<'QueueTicket', From<TicketQueuedData>>;
export type AssignTicket = TicketCommandOf<'AssignTicket', From<TicketAssignedData>>;
export type UnassignTicket = TicketCommandOf<'UnassignTicket', From<TicketUnassignedData, 'agentId'>>;
export type TransferTicket = TicketCommandOf<'TransferTicket', { toGroupId: string; toAgentId: string | null; reason: string }>;
export type EscalateTicket = TicketCommandOf<
  'EscalateTicket',
  {
    reason: EscalationReason;
    /** Target priority; omitted = one step up (never lowered). */
    priority?: Priority;
    toGroupId: string | null;
    note: string | null;
  }
>;

export type StartSlaClock = TicketCommandOf<'StartSlaClock', From<SlaClockStartedData>>;
/** Moves a running clock to the target its (new) policy sets; the decider records the old policy and deadline. */
export type RetargetSlaClock = TicketCommandOf<'RetargetSlaClock', From<SlaClockRetargetedData, 'previousPolicyId' | 'previousDueAt'>>;
export type PauseSlaClock = TicketCommandOf<'PauseSlaClock', { target: SlaTarget; reason: SlaPauseReason }>;
export type ResumeSlaClock = TicketCommandOf<'ResumeSlaClock', { target: SlaTarget }>;
export type RaiseSlaWarning = TicketCommandOf<'RaiseSlaWarning', { target: SlaTarget }>;
export type RecordSlaBreach = TicketCommandOf<'RecordSlaBreach', { target: SlaTarget }>;

export type ReplyToCustomer = TicketCommandOf<'ReplyToCustomer', WithOptionalChannel<From<AgentRepliedData, 'firstResponse'>>>;
export type AddInternalNote = TicketCommandOf<'AddInternalNote', From<InternalNoteAddedData>>;
export type RequestCustomerInfo = TicketCommandOf<'RequestCustomerInfo', WithOptionalChannel<From<CustomerInfoRequestedData>>>;
export type SendProgressUpdate = TicketCommandOf<
  'SendProgressUpdate',
  WithOptionalChannel<From<ProgressUpdateSentData, 'expectedResolutionAt'>> & { expectedResolutionAt?: string | null }
>;

export type RequestCollaboration = TicketCommandOf<'RequestCollaboration', From<CollaborationRequestedData>>;
export type CompleteCollaboration = TicketCommandOf<
  'CompleteCollaboration',
  { collaborationId: string; outcome: string; completedBy: string }
>;

export type ProposeCompensation = TicketCommandOf<
  'ProposeCompensation',
  From<CompensationProposedData, 'requiresApproval'> & {
    /** The proposer's authority (from their role); default from the actor kind. */
    authority?: AuthorityLevel;
  }
>;
export type ApproveCompensation = TicketCommandOf<
  'ApproveCompensation',
  { compensationId: string; approverId: string; approverLevel?: ApproverLevel; reason?: string | null }
>;
export type RejectCompensation = TicketCommandOf<
  'RejectCompensation',
  { compensationId: string; approverId: string; reason: string; approverLevel?: ApproverLevel }
>;

/* A department works its collaboration task (the department's own API in resolution). */
export type AcceptCollaboration = TicketCommandOf<'AcceptCollaboration', { collaborationId: string; acceptedBy: string }>;
export type CommentOnCollaboration = TicketCommandOf<
  'CommentOnCollaboration',
  { collaborationId: string; commentId: string; authorId: string; text: string }
>;
export type DeclineCollaboration = TicketCommandOf<'DeclineCollaboration', { collaborationId: string; declinedBy: string; reason: string }>;
/** From the overdue sweeper: idempotent, refused before the task is due. */
export type MarkCollaborationOverdue = TicketCommandOf<'MarkCollaborationOverdue', { collaborationId: string; escalatedTo: string | null }>;
/** The shop's order/payment system answered for an approved compensation; a repeat is a no-op. */
export type RecordCompensationIssued = TicketCommandOf<
  'RecordCompensationIssued',
  From<CompensationIssuedData, 'kind' | 'amount' | 'currency'>
>;
export type ChangeTags = TicketCommandOf<'ChangeTags', { add: string[]; remove: string[] }>;

export type ResolveTicket = TicketCommandOf<
  'ResolveTicket',
  {
    resolutionCode: ResolutionCode;
    summary: string;
    resolvedBy: string;
    /** Supervisor override: resolve although collaborations are open (they are abandoned). */
    force?: boolean;
  }
>;
export type ReopenTicket = TicketCommandOf<
  'ReopenTicket',
  {
    reason: ReopenReason;
    /** Reopen outside the window or after close; only system, service or supervisor actors may. */
    byPolicy?: boolean;
    note?: string | null;
  }
>;
export type CloseTicket = TicketCommandOf<'CloseTicket', { reason: CloseReason }>;
/** Sent to both streams: with `ticketId` = source it ends the source; with `ticketId` = target it
 * records the merge on the target. The caller (resolution) does the source first. */
export type MergeTicket = TicketCommandOf<'MergeTicket', { sourceTicketId: string; targetTicketId: string; reason: string }>;

export type SendSurvey = TicketCommandOf<'SendSurvey', WithOptionalChannel<From<SurveySentData>>>;
export type RateSatisfaction = TicketCommandOf<
  'RateSatisfaction',
  { surveyId: string; rating: number; comment: string | null; dimensions?: SatisfactionDimensions }
>;
export type RequestSecondService = TicketCommandOf<'RequestSecondService', From<SecondServiceRequestedData>>;

export type TicketCommand =
  | OpenTicket
  | ReceiveCustomerMessage
  | RecordReplyDeliveryFailure
  | ClassifyTicket
  | ReclassifyTicket
  | OfferSelfServiceAnswer
  | AnswerSelfServiceOffer
  | QueueTicket
  | AssignTicket
  | UnassignTicket
  | TransferTicket
  | StartSlaClock
  | RetargetSlaClock
  | PauseSlaClock
  | ResumeSlaClock
  | RaiseSlaWarning
  | RecordSlaBreach
  | EscalateTicket
  | ReplyToCustomer
  | AddInternalNote
  | RequestCustomerInfo
  | RequestCollaboration
  | CompleteCollaboration
  | AcceptCollaboration
  | CommentOnCollaboration
  | DeclineCollaboration
  | MarkCollaborationOverdue
  | RecordCompensationIssued
  | ChangeTags
  | ProposeCompensation
  | ApproveCompensation
  | RejectCompensation
  | SendProgressUpdate
  | ResolveTicket
  | ReopenTicket
  | CloseTicket
  | MergeTicket
  | SendSurvey
  | RateSatisfaction
  | RequestSecondService;

export type TicketCommandType = TicketCommand['type'];
