import type { NewEvent } from '@ticketing/contracts';
import { createTicketDecider, ticketDecider } from './ticket-decider';
import {
  CollaborationNotOpenError,
  CompensationLimitExceededError,
  CompensationNotPendingError,
  InvalidCommandError,
  InvalidTransitionError,
  PermissionDeniedError,
} from './ticket-errors';
import type { CompensationAuthority } from './ticket-policy';
import { DeciderSpecification, actors, asRecorded, at, command, event } from './testing';
import type { Ticket } from './ticket-state';

/* Resolution's work on a ticket: department tasks, compensation authority, fulfilment, tags, promises. */

const spec = DeciderSpecification.for(ticketDecider);
const stateOf = (events: NewEvent[]) => asRecorded(events).reduce(ticketDecider.evolve, ticketDecider.initialState()) as Ticket;

const working = [event('TicketOpened'), event('TicketAssigned', {}, { actor: actors.system })];
const resolutionClock = event('SlaClockStarted', { target: 'resolution', dueAt: at(24 * 60), warnAt: at(20 * 60) }, { actor: actors.system });
const requested = event('CollaborationRequested', { dueAt: at(120) });
const ask = { collaborationId: 'col-1', department: 'warehouse' as const, question: 'Was SO-1001 shipped?', requestedBy: 'agent-1', dueAt: at(120) };
const wh = { actor: { kind: 'agent' as const, id: 'wh-7' } };

describe('collaboration tasks', () => {
  it('pause the resolution clock while the ticket waits on a department, and resume it on the last answer', () => {
    spec
      .given([...working, resolutionClock])
      .when(command('RequestCollaboration', ask))
      .then([requested, event('SlaClockPaused', { target: 'resolution', reason: 'awaiting_third_party', remainingMs: 24 * 60 * 60_000 })]);
    const paused = [...working, resolutionClock, requested, event('SlaClockPaused', { target: 'resolution', reason: 'awaiting_third_party' })];
    expect(stateOf(paused).status).toBe('pending_third_party');
    spec
      .given(paused)
      .when(command('CompleteCollaboration', { collaborationId: 'col-1', outcome: 'Shipped', completedBy: 'wh-7' }, { at: at(60) }))
      .then([
        event('CollaborationCompleted', { outcome: 'Shipped' }, { at: at(60) }),
        event('SlaClockResumed', { target: 'resolution', pausedForMs: 60 * 60_000, dueAt: at(25 * 60), warnAt: at(21 * 60) }, { at: at(60) }),
      ]);
  });

  it('are accepted once, commented on, and declined (which also ends the wait)', () => {
    const accept = command('AcceptCollaboration', { collaborationId: 'col-1', acceptedBy: 'wh-7' }, wh);
    const accepted = event('CollaborationAccepted', {}, wh);
    spec.given([...working, requested]).when(accept).then([accepted]);
    spec.given([...working, requested, accepted]).when(accept).thenNothing();
    expect(stateOf([...working, requested, accepted]).openCollaborations[0]).toMatchObject({ state: 'accepted', dueAt: at(120) });
    spec
      .given([...working, requested])
      .when(command('CommentOnCollaboration', { collaborationId: 'col-1', commentId: 'cc-1', authorId: 'wh-7', text: 'Checking the scan logs.' }, wh))
      .then([event('CollaborationCommented', {}, wh)]);
    const decline = command('DeclineCollaboration', { collaborationId: 'col-1', declinedBy: 'wh-7', reason: 'Not our parcel' }, wh);
    spec.given([...working, requested]).when(decline).then([event('CollaborationDeclined', {}, wh)]);
    expect(stateOf([...working, requested, event('CollaborationDeclined')]).status).toBe('open');
    spec.given(working).when(decline).thenThrows(CollaborationNotOpenError);
  });

  it('escalate once when overdue, never before their due time', () => {
    const overdue = (minutes: number) => command('MarkCollaborationOverdue', { collaborationId: 'col-1', escalatedTo: 'wh-lead' }, { at: at(minutes), actor: actors.system });
    spec.given([...working, requested]).when(overdue(119)).thenThrows(InvalidTransitionError);
    const escalated = event('CollaborationOverdue', { dueAt: at(120), escalatedTo: 'wh-lead' }, { at: at(121), actor: actors.system });
    spec.given([...working, requested]).when(overdue(121)).then([escalated]);
    spec.given([...working, requested, escalated]).when(overdue(200)).thenNothing();
  });
});

describe('compensation authority', () => {
  // An agent may give a coupon up to 20.00 and a partial refund up to 50.00 per ticket; above, a
  // supervisor up to 100.00/200.00; above, a manager up to 500.00/1000.00. Agents give no full refunds.
  const authority: CompensationAuthority = {
    agent: { coupon: 2000, partial_refund: 5000 },
    supervisor: { coupon: 10_000, partial_refund: 20_000, full_refund: 20_000 },
    manager: { coupon: 50_000, partial_refund: 100_000, full_refund: 100_000 },
  };
  const limited = DeciderSpecification.for(createTicketDecider({ compensationAuthority: authority }));
  const propose = (compensationId: string, amount: number, kind: 'coupon' | 'partial_refund' | 'full_refund' = 'coupon', actor = actors.agent) =>
    command('ProposeCompensation', { compensationId, kind, amount, currency: 'EUR', reason: 'Late delivery', proposedBy: actor.id }, { actor });
  const proposed = (compensationId: string, amount: number, requiresApproval: boolean, kind = 'coupon' as const) =>
    event('CompensationProposed', { compensationId, kind, amount, requiresApproval });

  it('within the proposer’s own limit is approved at once, by them', () =>
    limited
      .given(working)
      .when(propose('comp-1', 2000))
      .then([
        proposed('comp-1', 2000, false),
        event('CompensationApproved', { amount: 2000, approverId: 'agent-1', autoApproved: true, reason: 'within the agent limit of 2000 for coupon per ticket' }),
      ]));

  it('above it goes to the lowest level whose limit covers the ticket total', () => {
    limited
      .given(working)
      .when(propose('comp-1', 2500))
      .then([proposed('comp-1', 2500, true), event('CompensationApprovalRequested', { approverLevel: 'supervisor', proposerLimit: 2000, ticketTotal: 2500 })]);
    limited
      .given(working)
      .when(propose('comp-1', 30_000))
      .then([proposed('comp-1', 30_000, true), event('CompensationApprovalRequested', { approverLevel: 'manager', proposerLimit: 2000, ticketTotal: 30_000 })]);
    // Two small coupons on one ticket count together: 15.00 + 15.00 is above the agent's 20.00.
    const first = [proposed('comp-1', 1500, false), event('CompensationApproved', { amount: 1500, approverId: 'agent-1', reason: 'x' })];
    limited
      .given([...working, ...first])
      .when(propose('comp-2', 1500))
      .then([proposed('comp-2', 1500, true), event('CompensationApprovalRequested', { compensationId: 'comp-2', ticketTotal: 3000 })]);
    // A supervisor proposing within their own limit needs nobody.
    limited
      .given(working)
      .when(propose('comp-1', 2500, 'coupon', actors.supervisor))
      .then([
        event('CompensationProposed', { amount: 2500, proposedBy: 'sup-1' }, { actor: actors.supervisor }),
        event('CompensationApproved', { amount: 2500, approverId: 'sup-1', reason: 'within the supervisor limit of 10000 for coupon per ticket' }, { actor: actors.supervisor }),
      ]);
  });

  it('above every limit is refused and nothing is written', () => {
    limited.given(working).when(propose('comp-1', 60_000)).thenThrows(CompensationLimitExceededError, (e) => expect(e.highestLimit).toBe(50_000));
    limited.given(working).when(propose('comp-1', 100, 'full_refund')).then([
      proposed('comp-1', 100, true, 'full_refund' as never),
      event('CompensationApprovalRequested', { approverLevel: 'supervisor', proposerLimit: null, ticketTotal: 100 }),
    ]);
  });

  it('is decided only by an approver of the requested level, with who and why', () => {
    const pending = [proposed('comp-1', 30_000, true), event('CompensationApprovalRequested', { approverLevel: 'manager', ticketTotal: 30_000 })];
    const approve = (approverLevel: 'supervisor' | 'manager') =>
      command('ApproveCompensation', { compensationId: 'comp-1', approverId: 'boss-1', approverLevel, reason: 'Repeat failure' }, { actor: actors.supervisor });
    limited.given([...working, ...pending]).when(approve('supervisor')).thenThrows(PermissionDeniedError, (e) => expect(e.message).toMatch(/a manager must decide/));
    limited
      .given([...working, ...pending])
      .when(approve('manager'))
      .then([event('CompensationApproved', { amount: 30_000, approverId: 'boss-1', autoApproved: false, reason: 'Repeat failure' }, { actor: actors.supervisor })]);
    limited
      .given([...working, ...pending])
      .when(command('RejectCompensation', { compensationId: 'comp-1', approverId: 'sup-1', reason: 'Too much', approverLevel: 'supervisor' }, { actor: actors.supervisor }))
      .thenThrows(PermissionDeniedError);
  });
});

describe('compensation fulfilment', () => {
  const approved = [event('CompensationProposed'), event('CompensationApproved')];
  const issue = command(
    'RecordCompensationIssued',
    { compensationId: 'comp-1', idempotencyKey: 'compensation-t-1-comp-1', outcome: 'issued', externalReference: 'CPN-1', failureReason: null },
    { actor: actors.system },
  );
  const issued = event('CompensationIssued', {}, { actor: actors.system });

  it('records the shop’s first answer only, even on a closed ticket', () => {
    spec.given([...working, ...approved]).when(issue).then([issued]);
    spec.given([...working, ...approved, issued]).when(issue).thenNothing();
    const closed = [event('TicketResolved'), event('TicketClosed', { reason: 'auto_after_resolution', previousStatus: 'resolved' })];
    spec.given([...working, ...approved, ...closed]).when(issue).then([issued]);
    spec.given([...working, event('CompensationProposed', { requiresApproval: true })]).when(issue).thenThrows(CompensationNotPendingError);
    expect(stateOf([...working, ...approved, issued]).compensations[0]).toMatchObject({ status: 'approved', issue: 'issued' });
  });
});

describe('tags and promised resolution times', () => {
  it('change tags, normalised, and ignore no-op changes', () => {
    spec.given(working).when(command('ChangeTags', { add: ['VIP ', 'late'], remove: [] })).then([event('TicketTagsChanged', { added: ['vip', 'late'], tags: ['vip', 'late'] })]);
    const tagged = [...working, event('TicketTagsChanged', { added: ['vip', 'late'], tags: ['vip', 'late'] })];
    spec.given(tagged).when(command('ChangeTags', { add: ['vip'], remove: ['nope'] })).thenNothing();
    spec.given(tagged).when(command('ChangeTags', { add: [], remove: ['late'] })).then([event('TicketTagsChanged', { added: [], removed: ['late'], tags: ['vip'] })]);
  });

  it('record the promised time with a progress update; a promise in the past is refused', () => {
    const update = (promise: string) => command('SendProgressUpdate', { messageId: 'm-5', text: 'Still on it.', automated: true, expectedResolutionAt: promise }, { at: at(10) });
    const sent = event('ProgressUpdateSent', { expectedResolutionAt: at(600) }, { at: at(10) });
    spec.given(working).when(update(at(600))).then([sent]);
    expect(stateOf([...working, sent])).toMatchObject({ expectedResolutionAt: at(600), lastProgressUpdateAt: at(10) });
    spec.given(working).when(update(at(5))).thenThrows(InvalidCommandError);
  });
});
