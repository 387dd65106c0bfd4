import { NO_SATISFACTION_DIMENSIONS, sampleTicketEventData, type NewEvent } from '@ticketing/contracts';
import { createTicketDecider, ticketDecider } from './ticket-decider';
import { raisedPriority } from './decide/routing.handlers';
import {
  AlreadyAssignedError,
  CollaborationNotOpenError,
  CollaborationsOpenError,
  CompensationNotPendingError,
  CompensationPendingError,
  DuplicateIdError,
  EscalationLimitReachedError,
  InvalidCommandError,
  InvalidTransitionError,
  NotAssignedError,
  PermissionDeniedError,
  ReopenWindowExpiredError,
  SecondServiceAlreadyRequestedError,
  SlaClockNotPausedError,
  SlaClockNotRunningError,
  SlaNotDueError,
  SurveyAlreadyRatedError,
  SurveyAlreadySentError,
  SurveyExpiredError,
  SurveyNotSentError,
  TenantMismatchError,
  TicketAlreadyExistsError,
  TicketClosedError,
  TicketDomainError,
  TicketMergedError,
  TicketNotFoundError,
} from './ticket-errors';
import { DeciderSpecification, T0, actors, asRecorded, at, command, event } from './testing';
import type { Ticket } from './ticket-state';

const spec = DeciderSpecification.for(ticketDecider);
const stateOf = (events: NewEvent[]) => asRecorded(events).reduce(ticketDecider.evolve, ticketDecider.initialState()) as Ticket;

const DAY = 24 * 60;
const opened = event('TicketOpened');
const assigned = event('TicketAssigned', {}, { actor: actors.system });
const working = [opened, assigned];
const resolved = event('TicketResolved', {}, { at: at(60) });
const closed = event('TicketClosed', {}, { at: at(2 * DAY) });

describe('opening', () => {
  const { channelClass: _derived, ticketId: _id, ...openData } = sampleTicketEventData.TicketOpened;

  it('opens a ticket, deriving the channel class from the channel', () =>
    spec
      .given([])
      .when(command('OpenTicket', { ...openData, channel: 'chat' }, { actor: actors.customer }))
      .then([event('TicketOpened', { channel: 'chat', channelClass: 'instant' }, { actor: actors.customer })]));

  it('cannot open the same ticket twice', () =>
    spec.given([opened]).when(command('OpenTicket', openData)).thenThrows(TicketAlreadyExistsError, (e) => {
      expect(e.code).toBe('ticket_already_exists');
    }));

  it('refuses commands for a ticket that does not exist', () =>
    spec.given([]).when(command('AssignTicket', { agentId: 'a', groupId: 'g', reason: 'manual', explanation: 'x' })).thenThrows(TicketNotFoundError));

  it("refuses commands from another tenant, without naming the ticket's tenant", () =>
    spec
      .given([opened])
      .when(command('AddInternalNote', { noteId: 'n', authorId: 'a', text: 'x', mentions: [] }, { tenantId: 'tenant-b' }))
      .thenThrows(TenantMismatchError, (e) => expect(e.message).not.toContain('tenant-a')));

  it('refuses command data that would break the event contract, field by field', () =>
    spec
      .given([])
      .when(command('OpenTicket', { ...openData, customerId: '', language: '??' }))
      .thenThrows(InvalidCommandError, (e) =>
        expect(e.problems).toEqual([
          'TicketOpened: data.customerId must be a non-empty string',
          'TicketOpened: data.language must be a BCP-47 language tag',
        ]),
      ));
});

describe('classification and customer messages', () => {
  const { ticketId: _t, ...classification } = sampleTicketEventData.TicketClassified;
  const { ticketId: _m, ...message } = sampleTicketEventData.CustomerMessageReceived;

  it('classifies once, then only reclassifies (recording what changed)', () => {
    spec.given([opened]).when(command('ClassifyTicket', classification)).then([event('TicketClassified')]);
    const classified = [opened, event('TicketClassified')];
    spec.given(classified).when(command('ClassifyTicket', classification)).thenThrows(InvalidTransitionError);
    spec
      .given(classified)
      .when(command('ReclassifyTicket', { category: 'refund', priority: 'urgent', complaint: true, source: 'agent', reason: 'Customer now wants a refund' }))
      .then([event('TicketReclassified')]);
    spec
      .given(classified)
      .when(command('ReclassifyTicket', { category: 'logistics', priority: 'high', complaint: false, source: 'agent', reason: 'same' }))
      .thenNothing();
  });

  it('threads a message onto a live ticket', () =>
    spec.given(working).when(command('ReceiveCustomerMessage', message)).then([event('CustomerMessageReceived')]));

  it('an answer to our question returns the ticket to work and resumes the clock paused for the customer', () => {
    const waiting = [
      ...working,
      event('SlaClockStarted', { target: 'resolution', dueAt: at(600), warnAt: at(540) }),
      event('CustomerInfoRequested', {}, { at: at(10) }),
      event('SlaClockPaused', { target: 'resolution', reason: 'awaiting_customer', remainingMs: 590 * 60_000 }, { at: at(10) }),
    ];
    expect(stateOf(waiting).status).toBe('pending_customer');
    const answer = [
      event('CustomerMessageReceived', {}, { at: at(70), actor: actors.customer }),
      event('SlaClockResumed', { target: 'resolution', pausedForMs: 60 * 60_000, dueAt: at(660), warnAt: at(600) }, { at: at(70), actor: actors.customer }),
    ];
    spec.given(waiting).when(command('ReceiveCustomerMessage', message, { at: at(70), actor: actors.customer })).then(answer);
    const after = stateOf([...waiting, ...answer]);
    expect(after.status).toBe('open');
    expect(after.slaClocks.resolution).toMatchObject({ state: 'running', dueAt: at(660) });
  });

  it('a message on a resolved ticket reopens it within the window', () =>
    spec
      .given([...working, resolved])
      .when(command('ReceiveCustomerMessage', message, { at: at(DAY), actor: actors.customer }))
      .then([
        event('CustomerMessageReceived', {}, { at: at(DAY), actor: actors.customer }),
        event('TicketReopened', { reason: 'customer_replied', byPolicy: false, previousStatus: 'resolved', reopenCount: 1 }, { at: at(DAY), actor: actors.customer }),
      ]));

  it('outside the window the message is refused, so intake opens a follow-up ticket', () => {
    spec.given([...working, resolved]).when(command('ReceiveCustomerMessage', message, { at: at(8 * DAY) })).thenThrows(ReopenWindowExpiredError);
    DeciderSpecification.for(createTicketDecider({ reopenWindowMs: 60 * 60_000 }))
      .given([...working, resolved])
      .when(command('ReceiveCustomerMessage', message, { at: at(121) }))
      .thenThrows(ReopenWindowExpiredError, (e) => expect(e.code).toBe('reopen_window_expired'));
  });

  it('a message on a closed ticket is refused', () =>
    spec.given([...working, resolved, closed]).when(command('ReceiveCustomerMessage', message)).thenThrows(TicketClosedError));
});

describe('routing', () => {
  const assign = (agentId: string) => command('AssignTicket', { agentId, groupId: 'g-logistics', reason: 'skill_match', explanation: 'skills logistics+en, load 2/5' }, { actor: actors.system });

  it('assigns a new ticket, which makes it open', () => {
    spec.given([opened]).when(assign('agent-1')).then([assigned]);
    expect(stateOf(working)).toMatchObject({ status: 'open', assigneeId: 'agent-1', groupId: 'g-logistics' });
  });

  it('is idempotent for the same agent and refuses a second agent (racing routers)', () => {
    spec.given(working).when(assign('agent-1')).thenNothing();
    spec.given(working).when(assign('agent-2')).thenThrows(AlreadyAssignedError);
  });

  it('never assigns a resolved or closed ticket', () => {
    spec.given([opened, resolved]).when(assign('agent-1')).thenThrows(InvalidTransitionError, (e) => expect(e.status).toBe('resolved'));
    spec.given([opened, resolved, closed]).when(assign('agent-1')).thenThrows(TicketClosedError);
  });

  it('unassigns only an assigned ticket, naming the agent from state', () => {
    spec.given([opened]).when(command('UnassignTicket', { reason: 'agent_offline' })).thenThrows(NotAssignedError);
    spec.given(working).when(command('UnassignTicket', { reason: 'agent_offline' })).then([event('TicketUnassigned')]);
  });

  it('queues only unassigned tickets; assigned ones are transferred', () => {
    const queue = command('QueueTicket', { groupId: 'g-logistics', requiredSkills: ['logistics', 'lang:en'], reason: 'category logistics' });
    spec.given([opened]).when(queue).then([event('TicketQueued')]);
    spec.given(working).when(queue).thenThrows(InvalidTransitionError);
    spec
      .given(working)
      .when(command('TransferTicket', { toGroupId: 'g-finance', toAgentId: null, reason: 'Refund needs finance' }))
      .then([event('TicketTransferred')]);
  });

  it('escalates one level at a time, raising priority, up to level 3', () => {
    const classified = [...working, event('TicketClassified')]; // priority high
    const escalate = command('EscalateTicket', { reason: 'sla_breach', toGroupId: null, note: null });
    spec.given(classified).when(escalate).then([event('TicketEscalated')]);
    spec
      .given(classified)
      .when(command('EscalateTicket', { reason: 'manual', priority: 'low', toGroupId: null, note: null }))
      .thenThrows(InvalidCommandError);
    const level3 = [1, 2, 3].map((level) => event('TicketEscalated', { level, previousPriority: 'urgent', priority: 'urgent' }));
    spec.given([...classified, ...level3]).when(escalate).thenThrows(EscalationLimitReachedError);
  });
});

describe('SLA clocks', () => {
  const clock = event('SlaClockStarted', {}, { actor: actors.system }); // first_response due 12:00, warn 11:30
  const timer = { actor: actors.system };

  it('starts a clock', () => {
    const { ticketId: _t, ...data } = sampleTicketEventData.SlaClockStarted;
    spec.given(working).when(command('StartSlaClock', data, timer)).then([clock]);
  });

  it('raises a warning once, and refuses a stale timer that fires early', () => {
    spec.given([...working, clock]).when(command('RaiseSlaWarning', { target: 'first_response' }, { ...timer, at: at(149) })).thenThrows(SlaNotDueError);
    const warned = event('SlaWarningRaised', { remainingMs: 30 * 60_000 }, { ...timer, at: at(150) });
    spec.given([...working, clock]).when(command('RaiseSlaWarning', { target: 'first_response' }, { ...timer, at: at(150) })).then([warned]);
    spec.given([...working, clock, warned]).when(command('RaiseSlaWarning', { target: 'first_response' }, { ...timer, at: at(151) })).thenNothing();
  });

  it('records a breach with the agent holding the ticket, once', () => {
    const breach = command('RecordSlaBreach', { target: 'first_response' }, { ...timer, at: at(180) });
    const breached = event('SlaBreached', { assigneeId: 'agent-1' }, { ...timer, at: at(180) });
    spec.given([...working, clock]).when(breach).then([breached]);
    spec.given([...working, clock, breached]).when(breach).thenNothing();
  });

  it('a reply meets the response clock, so later timers find it not running', () =>
    spec
      .given([...working, clock, event('AgentReplied', {}, { at: at(5) })])
      .when(command('RecordSlaBreach', { target: 'first_response' }, { ...timer, at: at(180) }))
      .thenThrows(SlaClockNotRunningError));

  it('retargets a running clock: the new deadline and why it moved, in one decision, once', () => {
    const admin = { actor: { kind: 'supervisor' as const, id: 'sup-1' }, at: at(30) };
    const move = { target: 'first_response' as const, policyId: 'vip-email@4', dueAt: '2025-01-01T11:00:00.000Z', warnAt: '2025-01-01T10:45:00.000Z' };
    const why = { cause: 'policy_changed' as const, previousTargetMinutes: 180, targetMinutes: 120, reason: 'SLA policies changed by supervisor sup-1: faster VIP' };
    const started = event('SlaClockStarted', move, admin);
    const retargeted = event('SlaClockRetargeted', { ...move, ...why, previousPolicyId: 'vip-email@3', previousDueAt: '2025-01-01T12:00:00.000Z' }, admin);
    spec.given([...working, clock]).when(command('RetargetSlaClock', { ...move, ...why }, admin)).then([started, retargeted]);
    // A timer that fires again after the move was appended finds nothing left to move.
    spec.given([...working, clock, started, retargeted]).when(command('RetargetSlaClock', { ...move, ...why }, admin)).thenNothing();
    spec.given(working).when(command('RetargetSlaClock', { ...move, ...why }, admin)).thenThrows(SlaClockNotRunningError);
    expect(stateOf([...working, clock, started, retargeted]).slaClocks.first_response).toMatchObject({ policyId: 'vip-email@4', dueAt: move.dueAt, state: 'running' });
  });

  it('pausing keeps the remaining time; resuming shifts both deadlines by the pause', () => {
    const paused = event('SlaClockPaused', { target: 'first_response', reason: 'outside_business_hours', remainingMs: 120 * 60_000 }, { at: at(60) });
    spec
      .given([...working, clock])
      .when(command('PauseSlaClock', { target: 'first_response', reason: 'outside_business_hours' }, { at: at(60) }))
      .then([paused]);
    spec
      .given([...working, clock, paused])
      .when(command('ResumeSlaClock', { target: 'first_response' }, { at: at(90) }))
      .then([
        event(
          'SlaClockResumed',
          { target: 'first_response', pausedForMs: 30 * 60_000, dueAt: '2025-01-01T12:30:00.000Z', warnAt: '2025-01-01T12:00:00.000Z' },
          { at: at(90) },
        ),
      ]);
    spec.given([...working, clock]).when(command('ResumeSlaClock', { target: 'first_response' })).thenThrows(SlaClockNotPausedError);
    spec.given(working).when(command('PauseSlaClock', { target: 'resolution', reason: 'manual' })).thenThrows(SlaClockNotRunningError);
  });
});

describe('conversation', () => {
  const { ticketId: _t, firstResponse: _f, channel: _c, ...reply } = sampleTicketEventData.AgentReplied;

  it('marks only the first reply as first response and defaults to the ticket channel', () => {
    spec.given(working).when(command('ReplyToCustomer', reply)).then([event('AgentReplied', { firstResponse: true, channel: 'email' })]);
    spec
      .given([...working, event('AgentReplied')])
      .when(command('ReplyToCustomer', { ...reply, channel: 'app' }))
      .then([event('AgentReplied', { firstResponse: false, channel: 'app' })]);
  });

  it('asking the customer pauses the running resolution clock', () => {
    const { ticketId: _id, channel: _ch, ...ask } = sampleTicketEventData.CustomerInfoRequested;
    const resolutionClock = event('SlaClockStarted', { target: 'resolution', dueAt: at(600), warnAt: at(540) });
    spec
      .given([...working, resolutionClock])
      .when(command('RequestCustomerInfo', ask, { at: at(100) }))
      .then([
        event('CustomerInfoRequested', {}, { at: at(100) }),
        event('SlaClockPaused', { target: 'resolution', reason: 'awaiting_customer', remainingMs: 500 * 60_000 }, { at: at(100) }),
      ]);
  });

  it('accepts internal notes after resolution but not after close', () => {
    const note = command('AddInternalNote', { noteId: 'n-1', authorId: 'agent-1', text: 'Carrier confirms delay', mentions: ['sup-1'] });
    spec.given([...working, resolved]).when(note).then([event('InternalNoteAdded')]);
    spec.given([...working, resolved, closed]).when(note).thenThrows(TicketClosedError);
  });

  it('sends progress updates only while work is ongoing', () => {
    const update = command('SendProgressUpdate', { messageId: 'm-5', text: 'Still on it.', automated: true });
    spec.given(working).when(update).then([event('ProgressUpdateSent')]);
    spec.given([...working, resolved]).when(update).thenThrows(InvalidTransitionError);
  });
});

describe('collaboration', () => {
  const { ticketId: _t, ...ask } = sampleTicketEventData.CollaborationRequested;
  const requested = event('CollaborationRequested');
  const resolve = (actor = actors.agent, force?: boolean) =>
    command('ResolveTicket', { resolutionCode: 'reshipped', summary: 'Reshipped the parcel', resolvedBy: 'agent-1', force }, { actor });

  it('waits on the department until every collaboration is completed', () => {
    spec.given(working).when(command('RequestCollaboration', ask)).then([requested]);
    expect(stateOf([...working, requested]).status).toBe('pending_third_party');
    spec.given([...working, requested]).when(command('RequestCollaboration', ask)).thenThrows(DuplicateIdError);
    const done = command('CompleteCollaboration', { collaborationId: 'col-1', outcome: 'Shipped on Monday', completedBy: 'wh-7' });
    spec.given([...working, requested]).when(done).then([event('CollaborationCompleted')]);
    expect(stateOf([...working, requested, event('CollaborationCompleted')]).status).toBe('open');
    spec.given(working).when(done).thenThrows(CollaborationNotOpenError);
  });

  it('cannot be resolved past open collaborations unless a supervisor forces it', () => {
    spec.given([...working, requested]).when(resolve()).thenThrows(CollaborationsOpenError, (e) => expect(e.collaborationIds).toEqual(['col-1']));
    spec.given([...working, requested]).when(resolve(actors.agent, true)).thenThrows(PermissionDeniedError);
    spec
      .given([...working, requested])
      .when(resolve(actors.supervisor, true))
      .then([event('TicketResolved', { forced: true, abandonedCollaborationIds: ['col-1'], firstContactResolution: true }, { actor: actors.supervisor })]);
  });
});

describe('compensation', () => {
  const propose = (amount: number, kind: 'coupon' | 'full_refund' = 'coupon') =>
    command('ProposeCompensation', { compensationId: 'comp-1', kind, amount, currency: 'EUR', reason: 'Late delivery', proposedBy: 'agent-1' });
  const pending = event('CompensationProposed', { amount: 5000, requiresApproval: true });
  const decision = (actor = actors.supervisor, approverId = 'sup-1') => command('ApproveCompensation', { compensationId: 'comp-1', approverId }, { actor });

  it('within policy limits is approved in the same decision', () =>
    spec.given(working).when(propose(500)).then([event('CompensationProposed'), event('CompensationApproved')]));

  it('above the limit (or for always-approved kinds) waits for a supervisor', () => {
    spec.given(working).when(propose(5000)).then([pending]);
    spec.given(working).when(propose(100, 'full_refund')).then([event('CompensationProposed', { kind: 'full_refund', amount: 100, requiresApproval: true })]);
  });

  it('is approved by a supervisor other than the proposer, exactly once', () => {
    const approved = event('CompensationApproved', { amount: 5000, approverId: 'sup-1', autoApproved: false }, { actor: actors.supervisor });
    spec.given([...working, pending]).when(decision()).then([approved]);
    spec.given([...working, pending]).when(decision(actors.agent, 'agent-2')).thenThrows(PermissionDeniedError);
    spec.given([...working, pending]).when(decision(actors.supervisor, 'agent-1')).thenThrows(PermissionDeniedError);
    spec.given([...working, pending, approved]).when(decision()).thenThrows(CompensationNotPendingError);
    spec
      .given([...working, pending])
      .when(command('RejectCompensation', { compensationId: 'comp-1', approverId: 'sup-1', reason: 'Over budget' }, { actor: actors.supervisor }))
      .then([event('CompensationRejected', { compensationId: 'comp-1' }, { actor: actors.supervisor })]);
  });

  it('blocks resolution while a decision is pending', () =>
    spec
      .given([...working, pending])
      .when(command('ResolveTicket', { resolutionCode: 'refunded', summary: 's', resolvedBy: 'agent-1' }))
      .thenThrows(CompensationPendingError));

  it('points carry no currency', () =>
    spec
      .given(working)
      .when(command('ProposeCompensation', { compensationId: 'c', kind: 'points', amount: 10, currency: 'EUR', reason: 'r', proposedBy: 'agent-1' }))
      .thenThrows(InvalidCommandError, (e) => expect(e.problems).toContain('CompensationProposed: data.currency must be null for points')));
});

describe('resolve, reopen, close', () => {
  const resolve = command('ResolveTicket', { resolutionCode: 'reshipped', summary: 'Reshipped the parcel', resolvedBy: 'agent-1' }, { at: at(60) });

  it('resolution records first-contact resolution: one reply, no transfer, no reopen', () => {
    spec.given([...working, event('AgentReplied')]).when(resolve).then([event('TicketResolved', { firstContactResolution: true }, { at: at(60) })]);
    spec.given([...working, event('AgentReplied'), event('AgentReplied')]).when(resolve).then([resolved]);
    spec.given([...working, event('TicketTransferred')]).when(resolve).then([resolved]);
  });

  it('reopens within the window; outside it only by policy and only for privileged actors', () => {
    const reopen = (minutes: number, actor = actors.customer, byPolicy?: boolean) =>
      command('ReopenTicket', { reason: 'customer_request', byPolicy }, { at: at(minutes), actor });
    const reopened = (minutes: number, actor = actors.customer, byPolicy = false) =>
      event('TicketReopened', { reason: 'customer_request', byPolicy, reopenCount: 1 }, { at: at(minutes), actor });
    spec.given([...working, resolved]).when(reopen(DAY)).then([reopened(DAY)]);
    spec.given([...working, resolved]).when(reopen(8 * DAY)).thenThrows(ReopenWindowExpiredError);
    spec.given([...working, resolved]).when(reopen(8 * DAY, actors.system, true)).then([reopened(8 * DAY, actors.system, true)]);
    spec.given([...working, resolved]).when(reopen(DAY, actors.customer, true)).thenThrows(PermissionDeniedError);
    spec.given(working).when(reopen(DAY)).thenThrows(InvalidTransitionError);
  });

  it('closes resolved tickets; unresolved ones only as spam or duplicate', () => {
    spec.given([...working, resolved]).when(command('CloseTicket', { reason: 'auto_after_resolution' }, { at: at(2 * DAY) })).then([closed]);
    spec.given(working).when(command('CloseTicket', { reason: 'manual' })).thenThrows(InvalidTransitionError);
    spec.given(working).when(command('CloseTicket', { reason: 'spam' })).then([event('TicketClosed', { reason: 'spam', previousStatus: 'open' })]);
  });

  it('after close accepts nothing but feedback and reopen-by-policy', () => {
    const done = [...working, resolved, closed];
    spec.given(done).when(command('ReplyToCustomer', { messageId: 'm', agentId: 'agent-1', text: 'x', attachments: [], articleIds: [] })).thenThrows(TicketClosedError);
    spec.given(done).when(command('ReopenTicket', { reason: 'agent_request' })).thenThrows(TicketClosedError);
    spec
      .given(done)
      .when(command('ReopenTicket', { reason: 'quality_review', byPolicy: true }, { actor: actors.supervisor }))
      .then([event('TicketReopened', { reason: 'quality_review', byPolicy: true, previousStatus: 'closed', reopenCount: 1 }, { actor: actors.supervisor })]);
  });
});

describe('merge', () => {
  const merge = (ticketId: string) => command('MergeTicket', { sourceTicketId: 't-1', targetTicketId: 't-0', reason: 'Same parcel' }, { ticketId });
  const target = [event('TicketOpened', {}, { ticketId: 't-0' })];
  const mergedIntoTarget = event('TicketMerged', {}, { ticketId: 't-0' });

  it('ends the source, which then accepts nothing at all', () => {
    spec.given(working).when(merge('t-1')).then([event('TicketMerged')]);
    const merged = [...working, event('TicketMerged')];
    expect(stateOf(merged)).toMatchObject({ status: 'merged', mergedInto: 't-0' });
    spec.given(merged).when(command('ReopenTicket', { reason: 'agent_request', byPolicy: true }, { actor: actors.supervisor })).thenThrows(TicketMergedError);
    spec.given(merged).when(merge('t-1')).thenThrows(TicketMergedError);
  });

  it('records the merge on the target, once', () => {
    spec.given(target).when(merge('t-0')).then([mergedIntoTarget]);
    expect(stateOf([...target, mergedIntoTarget])).toMatchObject({ status: 'new', mergedFrom: ['t-1'] });
    spec.given([...target, mergedIntoTarget]).when(merge('t-0')).thenNothing();
  });

  it('refuses merging into itself or a command for a third ticket', () => {
    spec.given(working).when(command('MergeTicket', { sourceTicketId: 't-1', targetTicketId: 't-1', reason: 'x' })).thenThrows(InvalidCommandError);
    spec.given(working).when(command('MergeTicket', { sourceTicketId: 't-8', targetTicketId: 't-9', reason: 'x' })).thenThrows(InvalidCommandError);
  });
});

describe('feedback', () => {
  const done = [...working, resolved];
  const survey = command('SendSurvey', { surveyId: 's-1', expiresAt: '2025-01-08T12:00:00.000Z' }, { actor: actors.service });
  const sent = event('SurveySent', {}, { actor: actors.service });
  const rate = (rating: number, minutes = DAY) =>
    command(
      'RateSatisfaction',
      { surveyId: 's-1', rating, comment: 'Too slow', dimensions: sampleTicketEventData.SatisfactionRated.dimensions },
      { actor: actors.customer, at: at(minutes) },
    );

  it('sends one survey per resolution', () => {
    spec.given(working).when(survey).thenThrows(InvalidTransitionError);
    spec.given(done).when(survey).then([sent]);
    spec.given([...done, sent]).when(survey).thenNothing();
    spec.given([...done, sent]).when(command('SendSurvey', { surveyId: 's-2', expiresAt: T0 })).thenThrows(SurveyAlreadySentError);
  });

  it('accepts one rating for a sent, unexpired survey, also after close', () => {
    spec.given(done).when(rate(2)).thenThrows(SurveyNotSentError);
    const rated = event('SatisfactionRated', {}, { actor: actors.customer, at: at(DAY) });
    spec.given([...done, sent, closed]).when(rate(2)).then([rated]);
    spec.given([...done, sent]).when(rate(5)).then([event('SatisfactionRated', { rating: 5, dissatisfied: false }, { actor: actors.customer, at: at(DAY) })]);
    spec.given([...done, sent, rated]).when(rate(4)).thenThrows(SurveyAlreadyRatedError);
    spec.given([...done, sent]).when(rate(4, 9 * DAY)).thenThrows(SurveyExpiredError);
  });

  it('records unanswered dimensions as null (an answer with the overall rating only)', () => {
    const overallOnly = command('RateSatisfaction', { surveyId: 's-1', rating: 4, comment: null }, { actor: actors.customer, at: at(DAY) });
    spec.given([...done, sent]).when(overallOnly).then([
      event('SatisfactionRated', { rating: 4, comment: null, dissatisfied: false, dimensions: NO_SATISFACTION_DIMENSIONS }, { actor: actors.customer, at: at(DAY) }),
    ]);
  });

  it('a second service reopens even a closed ticket by policy and escalates it to the target group, in one decision, once', () => {
    const { ticketId: _t, ...request } = sampleTicketEventData.SecondServiceRequested;
    const second = command('RequestSecondService', request, { actor: actors.service });
    const before = stateOf([...done, sent, closed]);
    const granted = [
      event('SecondServiceRequested', {}, { actor: actors.service }),
      event('TicketReopened', { reason: 'second_service', byPolicy: true, previousStatus: 'closed', reopenCount: 1 }, { actor: actors.service }),
      event(
        'TicketEscalated',
        { level: before.escalationLevel + 1, reason: 'complaint', previousPriority: before.priority, priority: raisedPriority(before.priority), toGroupId: 'g-senior', note: null },
        { actor: actors.service },
      ),
    ];
    spec.given([...done, sent, closed]).when(second).then(granted);
    const state = stateOf([...done, sent, closed, ...granted]);
    expect(state).toMatchObject({ status: 'open', reopenCount: 1, survey: null, secondServiceRequested: true, closedAt: null, escalationLevel: before.escalationLevel + 1 });
    const withoutGroup = command('RequestSecondService', { ...request, targetGroupId: null }, { actor: actors.service });
    spec.given([...done, sent, closed]).when(withoutGroup).then(granted.slice(0, 2).map((e, i) => (i === 0 ? event('SecondServiceRequested', { targetGroupId: null }, { actor: actors.service }) : e)));
    spec.given([...done, sent, closed, ...granted, resolved]).when(second).thenThrows(SecondServiceAlreadyRequestedError);
  });
});

describe('errors', () => {
  it('all carry a stable code and the ticket id', () => {
    spec
      .given([])
      .when(command('CloseTicket', { reason: 'spam' }))
      .thenThrows(TicketDomainError, (error) =>
        expect(error).toMatchObject({ code: 'ticket_not_found', ticketId: 't-1', name: 'TicketNotFoundError' }),
      );
  });
});
