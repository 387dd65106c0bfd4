import { sampleTicketEventData, type EventEnvelope } from '@ticketing/contracts';
import { canAssign, canReopen, canResolve, isWaitingOnCustomer, pendingCompensationIds, runningSlaTargets } from './ticket-queries';
import { evolve } from './evolve';
import { asRecorded, at, event } from './testing';
import { initialState, type Ticket } from './ticket-state';

const fold = (events: EventEnvelope[]) => events.reduce(evolve, initialState());

describe('evolve', () => {
  it('upcasts old schema versions while folding', () => {
    const { channelClass: _c, ...v1 } = sampleTicketEventData.TicketOpened;
    const [opened] = asRecorded([{ ...event('TicketOpened', { channel: 'hotline' }), schemaVersion: 1, data: { ...v1, channel: 'hotline' } }]);
    expect(fold([opened])).toMatchObject({ status: 'new', channel: 'hotline', channelClass: 'instant' });
  });

  it("ignores events it does not know (another category's, or a newer release's)", () => {
    const [opened, foreign] = asRecorded([event('TicketOpened'), { ...event('TicketQueued'), type: 'AgentWentOnline' }]);
    expect(fold([opened, foreign])).toEqual(fold([opened]));
    expect(fold(asRecorded([event('TicketAssigned')]))).toEqual(initialState());
  });

  it('folds a whole lifecycle into what the services need', () => {
    const state = fold(
      asRecorded([
        event('TicketOpened'),
        event('TicketClassified'),
        event('TicketQueued'),
        event('TicketAssigned', {}, { at: at(1) }),
        event('SlaClockStarted', { target: 'resolution', dueAt: at(600), warnAt: at(500) }),
        event('AgentReplied', {}, { at: at(5) }),
        event('CollaborationRequested'),
        event('CompensationProposed', { requiresApproval: true, amount: 5000 }),
        event('InternalNoteAdded'),
        event('CollaborationCompleted'),
        event('CompensationApproved', { amount: 5000, approverId: 'sup-1', autoApproved: false }),
        event('TicketResolved', {}, { at: at(60) }),
        event('SurveySent', {}, { at: at(61) }),
        event('SatisfactionRated', {}, { at: at(90) }),
        event('TicketClosed', {}, { at: at(120) }),
      ]),
    ) as Ticket;
    expect(state).toMatchObject({
      status: 'closed',
      category: 'logistics',
      priority: 'high',
      groupId: 'g-logistics',
      assigneeId: 'agent-1',
      firstResponseAt: at(5),
      agentReplyCount: 1,
      customerMessageCount: 1,
      internalNoteCount: 1,
      openCollaborations: [],
      compensations: [{ compensationId: 'comp-1', status: 'approved', amount: 5000 }],
      resolvedAt: at(60),
      resolutionCode: 'reshipped',
      closedAt: at(120),
      survey: { surveyId: 's-1', rating: 2, ratedAt: at(90) },
      lastEventAt: at(120),
    });
    expect(state.slaClocks.resolution?.state).toBe('stopped');
  });
});

describe('queries', () => {
  const base = asRecorded([event('TicketOpened'), event('SlaClockStarted')]);

  it('tell what may happen next without deciding', () => {
    const open = fold(base);
    expect(canAssign(open)).toBe(true);
    expect(canResolve(open)).toBe(true);
    expect(runningSlaTargets(open)).toEqual(['first_response']);
    expect(canAssign(fold([...base, ...asRecorded([event('TicketAssigned')])]))).toBe(false);
    expect(canAssign(initialState())).toBe(false);

    const pending = fold([...base, ...asRecorded([event('CompensationProposed', { requiresApproval: true })])]);
    expect(pendingCompensationIds(pending)).toEqual(['comp-1']);
    expect(canResolve(pending)).toBe(false);

    const asked = fold([...base, ...asRecorded([event('CustomerInfoRequested')])]);
    expect(isWaitingOnCustomer(asked)).toBe(true);
    expect(runningSlaTargets(asked)).toEqual([]); // the question met the first-response target

    const resolved = fold([...base, ...asRecorded([event('TicketResolved', {}, { at: at(0) })])]);
    expect(canReopen(resolved, at(60))).toBe(true);
    expect(canReopen(resolved, at(8 * 24 * 60))).toBe(false);
  });
});
