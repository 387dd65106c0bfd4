import { sampleTicketEventData, type NewEvent } from '@ticketing/contracts';
import { ticketDecider } from './ticket-decider';
import { TicketMergedError, TicketNotFoundError } from './ticket-errors';
import { DeciderSpecification, actors, asRecorded, at, command, event } from './testing';
import type { Ticket } from './ticket-state';

const spec = DeciderSpecification.for(ticketDecider);
const stateOf = (events: NewEvent[]) => asRecorded(events).reduce(ticketDecider.evolve, ticketDecider.initialState()) as Ticket;

const DAY = 24 * 60;
const working = [event('TicketOpened'), event('TicketAssigned', {}, { actor: actors.system })];
const { ticketId: _t, ...failure } = sampleTicketEventData.ReplyDeliveryFailed;
const record = (deliveryId = failure.deliveryId) => command('RecordReplyDeliveryFailure', { ...failure, deliveryId }, { actor: actors.service, at: at(30) });
const failed = (deliveryId = failure.deliveryId) => event('ReplyDeliveryFailed', { deliveryId }, { actor: actors.service, at: at(30) });

describe('reply delivery failures on the ticket', () => {
  it('given a working ticket, a delivery that failed for good goes on its timeline', () => {
    spec.given(working).when(record()).then([failed()]);
    expect(stateOf([...working, failed()]).failedDeliveryIds).toEqual([failure.deliveryId]);
  });

  it('given the failure already recorded, a redelivered DeliveryFailed records nothing; another delivery is recorded', () => {
    spec.given([...working, failed()]).when(record()).thenNothing();
    spec.given([...working, failed()]).when(record('d-2')).then([failed('d-2')]);
  });

  it('is recorded on resolved and closed tickets too (a survey can fail after closing), not on merged or unknown ones', () => {
    const closed = [...working, event('TicketResolved', {}, { at: at(20) }), event('TicketClosed', {}, { at: at(2 * DAY) })];
    spec.given(closed).when(record()).then([failed()]);
    spec.given([]).when(record()).thenThrows(TicketNotFoundError);
    spec.given([...working, event('TicketMerged', {}, { actor: actors.supervisor })]).when(record()).thenThrows(TicketMergedError);
  });
});
