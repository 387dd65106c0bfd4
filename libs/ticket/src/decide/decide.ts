import { validateEvent, type NewTicketEvent } from '@ticketing/contracts';
import type { TicketCommand, TicketCommandType } from '../commands/ticket-commands';
import {
  InvalidCommandError,
  TenantMismatchError,
  TicketAlreadyExistsError,
  TicketClosedError,
  TicketMergedError,
  TicketNotFoundError,
} from '../ticket-errors';
import { defaultTicketPolicy, type TicketPolicy } from '../ticket-policy';
import { ticketExists, type Ticket, type TicketState } from '../ticket-state';
import { decisionContext, type DecisionContext } from './decision-context';
import {
  acceptCollaboration,
  changeTags,
  commentOnCollaboration,
  declineCollaboration,
  markCollaborationOverdue,
  recordCompensationIssued,
} from './department-work.handlers';
import { addInternalNote, replyToCustomer, requestCustomerInfo, sendProgressUpdate } from './conversation.handlers';
import { rateSatisfaction, requestSecondService, sendSurvey } from './feedback.handlers';
import { classifyTicket, openTicket, receiveCustomerMessage, reclassifyTicket, recordReplyDeliveryFailure } from './intake.handlers';
import { answerSelfServiceOffer, offerSelfServiceAnswer } from './self-service.handlers';
import { closeTicket, mergeTicket, reopenTicket, resolveTicket } from './lifecycle.handlers';
import { assignTicket, escalateTicket, queueTicket, transferTicket, unassignTicket } from './routing.handlers';
import { pauseSlaClock, raiseSlaWarning, recordSlaBreach, resumeSlaClock, retargetSlaClock, startSlaClock } from './sla.handlers';
import {
  approveCompensation,
  completeCollaboration,
  proposeCompensation,
  rejectCompensation,
  requestCollaboration,
} from './work.handlers';

/** What a closed ticket still accepts: feedback on the finished work, and a reopen (by policy). */
const ACCEPTED_WHEN_CLOSED: readonly TicketCommandType[] = [
  'SendSurvey',
  'RateSatisfaction',
  'RequestSecondService',
  'ReopenTicket',
  // The shop's answer for an approved compensation may arrive after the quiet period closed the ticket.
  'RecordCompensationIssued',
  // A survey (or a last reply) can fail to arrive after the ticket closed; the agent must still see it.
  'RecordReplyDeliveryFailure',
];

/** Checks that hold for every command on an existing ticket, before any command-specific rule. */
function existingTicket(state: TicketState, command: TicketCommand): Ticket {
  if (!ticketExists(state)) throw new TicketNotFoundError(command.ticketId);
  if (state.tenantId !== command.metadata.tenantId) throw new TenantMismatchError(command.ticketId);
  if (state.ticketId !== command.ticketId) {
    throw new InvalidCommandError(command.ticketId, [`state of ticket ${state.ticketId} was loaded for ticket ${command.ticketId}`]);
  }
  if (state.status === 'merged') throw new TicketMergedError(state.ticketId, state.mergedInto ?? '');
  if (state.status === 'closed' && !ACCEPTED_WHEN_CLOSED.includes(command.type)) {
    throw new TicketClosedError(state.ticketId, command.type);
  }
  return state;
}

function route(command: TicketCommand, state: TicketState, ctx: DecisionContext): NewTicketEvent[] {
  if (command.type === 'OpenTicket') {
    if (ticketExists(state)) throw new TicketAlreadyExistsError(command.ticketId);
    return openTicket(command, ctx);
  }
  const ticket = existingTicket(state, command);
  switch (command.type) {
    case 'ReceiveCustomerMessage':
      return receiveCustomerMessage(command, ticket, ctx);
    case 'RecordReplyDeliveryFailure':
      return recordReplyDeliveryFailure(command, ticket, ctx);
    case 'ClassifyTicket':
      return classifyTicket(command, ticket, ctx);
    case 'ReclassifyTicket':
      return reclassifyTicket(command, ticket, ctx);
    case 'OfferSelfServiceAnswer':
      return offerSelfServiceAnswer(command, ticket, ctx);
    case 'AnswerSelfServiceOffer':
      return answerSelfServiceOffer(command, ticket, ctx);
    case 'QueueTicket':
      return queueTicket(command, ticket, ctx);
    case 'AssignTicket':
      return assignTicket(command, ticket, ctx);
    case 'UnassignTicket':
      return unassignTicket(command, ticket, ctx);
    case 'TransferTicket':
      return transferTicket(command, ticket, ctx);
    case 'StartSlaClock':
      return startSlaClock(command, ticket, ctx);
    case 'RetargetSlaClock':
      return retargetSlaClock(command, ticket, ctx);
    case 'PauseSlaClock':
      return pauseSlaClock(command, ticket, ctx);
    case 'ResumeSlaClock':
      return resumeSlaClock(command, ticket, ctx);
    case 'RaiseSlaWarning':
      return raiseSlaWarning(command, ticket, ctx);
    case 'RecordSlaBreach':
      return recordSlaBreach(command, ticket, ctx);
    case 'EscalateTicket':
      return escalateTicket(command, ticket, ctx);
    case 'ReplyToCustomer':
      return replyToCustomer(command, ticket, ctx);
    case 'AddInternalNote':
      return addInternalNote(command, ticket, ctx);
    case 'RequestCustomerInfo':
      return requestCustomerInfo(command, ticket, ctx);
    case 'RequestCollaboration':
      return requestCollaboration(command, ticket, ctx);
    case 'CompleteCollaboration':
      return completeCollaboration(command, ticket, ctx);
    case 'AcceptCollaboration':
      return acceptCollaboration(command, ticket, ctx);
    case 'CommentOnCollaboration':
      return commentOnCollaboration(command, ticket, ctx);
    case 'DeclineCollaboration':
      return declineCollaboration(command, ticket, ctx);
    case 'MarkCollaborationOverdue':
      return markCollaborationOverdue(command, ticket, ctx);
    case 'RecordCompensationIssued':
      return recordCompensationIssued(command, ticket, ctx);
    case 'ChangeTags':
      return changeTags(command, ticket, ctx);
    case 'ProposeCompensation':
      return proposeCompensation(command, ticket, ctx);
    case 'ApproveCompensation':
      return approveCompensation(command, ticket, ctx);
    case 'RejectCompensation':
      return rejectCompensation(command, ticket, ctx);
    case 'SendProgressUpdate':
      return sendProgressUpdate(command, ticket, ctx);
    case 'ResolveTicket':
      return resolveTicket(command, ticket, ctx);
    case 'ReopenTicket':
      return reopenTicket(command, ticket, ctx);
    case 'CloseTicket':
      return closeTicket(command, ticket, ctx);
    case 'MergeTicket':
      return mergeTicket(command, ticket, ctx);
    case 'SendSurvey':
      return sendSurvey(command, ticket, ctx);
    case 'RateSatisfaction':
      return rateSatisfaction(command, ticket, ctx);
    case 'RequestSecondService':
      return requestSecondService(command, ticket, ctx);
    default: {
      const unknown: never = command;
      throw new InvalidCommandError((unknown as TicketCommand).ticketId, [`unknown command type ${(unknown as TicketCommand).type}`]);
    }
  }
}

/**
 * `decide` for a given policy. Every event it returns is checked against its contract, so bad
 * command data (an empty agent id, an unknown category) is refused here as `invalid_command`
 * rather than written to the log for every consumer to trip over.
 */
export function decideWith(policy: TicketPolicy = defaultTicketPolicy) {
  return function decide(command: TicketCommand, state: TicketState): NewTicketEvent[] {
    const ctx = decisionContext(command.ticketId, command.metadata, policy);
    const events = route(command, state, ctx);
    const problems = events.flatMap((event) => validateEvent(event).map((p) => `${event.type}: ${p}`));
    if (problems.length > 0) throw new InvalidCommandError(command.ticketId, problems);
    return events;
  };
}
