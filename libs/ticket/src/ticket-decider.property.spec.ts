import fc from 'fast-check';
import type { EventEnvelope, NewEvent } from '@ticketing/contracts';
import type { TicketCommand } from './commands/ticket-commands';
import { evolve } from './evolve';
import { asRecorded, actors, at, command, type Stamp } from './testing';
import { decide } from './ticket-decider';
import { InvalidCommandError, TicketDomainError, TicketMergedError } from './ticket-errors';
import { initialState, ticketExists, type TicketState } from './ticket-state';

/* Any sequence of commands, valid or not, from any actor, at increasing times: accepted ones must
 * keep the folded state consistent, refused ones must be refused with a domain error only. */

const commands: ((s: Stamp) => TicketCommand)[] = [
  (s) => command('OpenTicket', { channel: 'chat', channelMessageId: 'x', customerId: 'c-1', customerTier: 'vip', subject: 's', text: 't', orderNumber: null, attachments: [], language: 'en' }, s),
  (s) => command('ReceiveCustomerMessage', { messageId: 'm', channel: 'chat', channelMessageId: 'y', text: 'hi', attachments: [] }, s),
  (s) => command('ClassifyTicket', { category: 'refund', priority: 'normal', complaint: false, source: 'rules', confidence: 1, tags: [] }, s),
  (s) => command('ReclassifyTicket', { category: 'payment', priority: 'high', complaint: true, source: 'agent', reason: 'r' }, s),
  (s) => command('QueueTicket', { groupId: 'g-1', requiredSkills: [], reason: 'r' }, s),
  (s) => command('AssignTicket', { agentId: 'agent-1', groupId: 'g-1', reason: 'least_loaded', explanation: 'e' }, s),
  (s) => command('AssignTicket', { agentId: 'agent-2', groupId: 'g-1', reason: 'manual', explanation: 'e' }, s),
  (s) => command('UnassignTicket', { reason: 'agent_offline' }, s),
  (s) => command('TransferTicket', { toGroupId: 'g-2', toAgentId: null, reason: 'r' }, s),
  (s) => command('StartSlaClock', { target: 'resolution', policyId: 'p', dueAt: at(600), warnAt: at(300) }, s),
  (s) => command('StartSlaClock', { target: 'first_response', policyId: 'p', dueAt: at(60), warnAt: at(30) }, s),
  (s) => command('PauseSlaClock', { target: 'resolution', reason: 'manual' }, s),
  (s) => command('ResumeSlaClock', { target: 'resolution' }, s),
  (s) => command('RaiseSlaWarning', { target: 'resolution' }, s),
  (s) => command('RecordSlaBreach', { target: 'first_response' }, s),
  (s) => command('EscalateTicket', { reason: 'manual', toGroupId: null, note: null }, s),
  (s) => command('ReplyToCustomer', { messageId: 'm', agentId: 'agent-1', text: 't', attachments: [], articleIds: [] }, s),
  (s) => command('AddInternalNote', { noteId: 'n', authorId: 'agent-1', text: 't', mentions: [] }, s),
  (s) => command('RequestCustomerInfo', { messageId: 'm', agentId: 'agent-1', text: 't', requestedFields: [] }, s),
  (s) => command('RequestCollaboration', { collaborationId: 'col-1', department: 'finance', question: 'q', requestedBy: 'agent-1', dueAt: null }, s),
  (s) => command('CompleteCollaboration', { collaborationId: 'col-1', outcome: 'o', completedBy: 'f-1' }, s),
  (s) => command('ProposeCompensation', { compensationId: 'cp-1', kind: 'coupon', amount: 100, currency: 'EUR', reason: 'r', proposedBy: 'agent-1' }, s),
  (s) => command('ProposeCompensation', { compensationId: 'cp-2', kind: 'full_refund', amount: 9000, currency: 'EUR', reason: 'r', proposedBy: 'agent-1' }, s),
  (s) => command('ApproveCompensation', { compensationId: 'cp-2', approverId: 'sup-1' }, s),
  (s) => command('RejectCompensation', { compensationId: 'cp-2', approverId: 'sup-1', reason: 'r' }, s),
  (s) => command('SendProgressUpdate', { messageId: 'm', text: 't', automated: true }, s),
  (s) => command('ResolveTicket', { resolutionCode: 'answered', summary: 's', resolvedBy: 'agent-1' }, s),
  (s) => command('ResolveTicket', { resolutionCode: 'answered', summary: 's', resolvedBy: 'sup-1', force: true }, s),
  (s) => command('ReopenTicket', { reason: 'customer_request' }, s),
  (s) => command('ReopenTicket', { reason: 'quality_review', byPolicy: true }, s),
  (s) => command('CloseTicket', { reason: 'auto_after_resolution' }, s),
  (s) => command('CloseTicket', { reason: 'spam' }, s),
  (s) => command('MergeTicket', { sourceTicketId: 't-1', targetTicketId: 't-0', reason: 'dup' }, s),
  (s) => command('MergeTicket', { sourceTicketId: 't-2', targetTicketId: 't-1', reason: 'dup' }, s),
  (s) => command('SendSurvey', { surveyId: 's-1', expiresAt: at(100_000) }, s),
  (s) => command('RateSatisfaction', { surveyId: 's-1', rating: 1, comment: null }, s),
  (s) => command('RequestSecondService', { reason: 'low_rating', surveyId: null, rating: null, targetGroupId: null, note: null }, s),
];

const step = fc.record({
  make: fc.constantFrom(...commands),
  actor: fc.constantFrom(...Object.values(actors)),
  advanceMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

function checkConsistent(state: TicketState, reopenedEvents: number): void {
  if (!ticketExists(state)) return;
  if (state.status === 'pending_third_party') expect(state.openCollaborations.length).toBeGreaterThan(0);
  if (['resolved', 'closed', 'merged'].includes(state.status)) {
    expect(Object.values(state.slaClocks).every((c) => c.state === 'stopped')).toBe(true);
  }
  if (state.status === 'resolved') {
    expect(state.openCollaborations).toEqual([]);
    expect(state.compensations.some((c) => c.status === 'pending')).toBe(false);
  }
  expect(state.reopenCount).toBe(reopenedEvents);
  expect(state.firstResponseAt !== null).toBe(state.agentReplyCount > 0);
  expect(state.escalationLevel).toBeLessThanOrEqual(3);
  expect(state.tenantId).toBe('tenant-a');
}

describe('ticket decider properties', () => {
  it('accepted commands keep the state consistent; refusals are domain errors only', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state = initialState();
        let minutes = 0;
        const log: NewEvent[] = [];
        for (const { make, actor, advanceMinutes } of steps) {
          minutes += advanceMinutes;
          const cmd = make({ actor, at: at(minutes) });
          const wasMerged = state.status === 'merged';
          let events: NewEvent[];
          try {
            events = decide(cmd, state);
          } catch (error) {
            expect(error).toBeInstanceOf(TicketDomainError);
            // The factories only build valid data: a contract violation would be a decider bug.
            expect(error).not.toBeInstanceOf(InvalidCommandError);
            // A merged ticket refuses everything (OpenTicket: because it exists).
            if (wasMerged && cmd.type !== 'OpenTicket') expect(error).toBeInstanceOf(TicketMergedError);
            continue;
          }
          expect(wasMerged).toBe(false);
          expect(decide(cmd, state)).toEqual(events); // deterministic
          const recorded: EventEnvelope[] = asRecorded([...log, ...events]).slice(log.length);
          log.push(...events);
          state = recorded.reduce(evolve, state);
          checkConsistent(state, log.filter((e) => e.type === 'TicketReopened').length);
        }
        // Folding the whole log from scratch gives the same state as folding step by step.
        expect(asRecorded(log).reduce(evolve, initialState())).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
