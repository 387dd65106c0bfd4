import { InvalidTransitionError } from './ticket-errors';
import { ticketDecider } from './ticket-decider';
import { DeciderSpecification, actors, command, event } from './testing';

/** Self-service answers on a ticket (issue #3): offered once, before an agent answers; accepted →
 * resolved as deflected in the same decision; declined → work goes on. */
const spec = DeciderSpecification.for(ticketDecider);
const opened = event('TicketOpened', { channel: 'chat', channelClass: 'instant' });
const offer = { offerId: 'offer-1', articleId: 'article-1', answer: 'Track it under Orders → Track.', confidence: 0.82 };
const offered = event('SelfServiceAnswerOffered', { ...offer, channel: 'chat' }, { actor: { kind: 'service', id: 'intake' } });
const asService = { actor: { kind: 'service' as const, id: 'intake' } };
const asCustomer = { actor: actors.customer };

describe('self-service offers', () => {
  it('offers an answer on the ticket, on its own channel', () => {
    spec.given([opened]).when(command('OfferSelfServiceAnswer', offer, asService)).then([offered]);
  });

  it('the same offer again is a no-op; a second, different offer is refused', () => {
    spec.given([opened, offered]).when(command('OfferSelfServiceAnswer', offer, asService)).thenNothing();
    spec.given([opened, offered]).when(command('OfferSelfServiceAnswer', { ...offer, offerId: 'offer-2' }, asService)).thenThrows(InvalidTransitionError);
  });

  it('is not offered once an agent has answered', () => {
    spec.given([opened, event('AgentReplied')]).when(command('OfferSelfServiceAnswer', offer, asService)).thenThrows(InvalidTransitionError);
  });

  it('accepting resolves the ticket as deflected in the same decision', () => {
    spec
      .given([opened, offered])
      .when(command('AnswerSelfServiceOffer', { offerId: 'offer-1', accepted: true }, asCustomer))
      .then([
        event('SelfServiceOfferAnswered', { offerId: 'offer-1', accepted: true }, asCustomer),
        event(
          'TicketResolved',
          {
            resolutionCode: 'deflected',
            summary: 'Customer accepted the self-service answer from article article-1.',
            resolvedBy: 'self-service',
            firstContactResolution: true,
            forced: false,
            abandonedCollaborationIds: [],
          },
          asCustomer,
        ),
      ]);
  });

  it('declining records it and leaves the ticket open for routing', () => {
    const declined = event('SelfServiceOfferAnswered', { offerId: 'offer-1', accepted: false }, asCustomer);
    spec.given([opened, offered]).when(command('AnswerSelfServiceOffer', { offerId: 'offer-1', accepted: false }, asCustomer)).then([declined]);
    // A retried decline is a no-op; changing the answer afterwards is refused.
    spec.given([opened, offered, declined]).when(command('AnswerSelfServiceOffer', { offerId: 'offer-1', accepted: false }, asCustomer)).thenNothing();
    spec.given([opened, offered, declined]).when(command('AnswerSelfServiceOffer', { offerId: 'offer-1', accepted: true }, asCustomer)).thenThrows(InvalidTransitionError);
  });

  it('answering an offer that was never made is refused', () => {
    spec.given([opened]).when(command('AnswerSelfServiceOffer', { offerId: 'nope', accepted: true }, asCustomer)).thenThrows(InvalidTransitionError);
  });
});

describe('classification v2 fields', () => {
  it('fills language, triage and suggestion with their defaults when a caller leaves them out', () => {
    const { ticketId: _t, language: _l, needsTriage: _n, suggestedCategory: _s, ...manual } = event('TicketClassified').data as never as Record<string, unknown>;
    spec
      .given([opened])
      .when(command('ClassifyTicket', manual as never))
      .then([event('TicketClassified', { language: 'und', needsTriage: false, suggestedCategory: null })]);
  });
});
