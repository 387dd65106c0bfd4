import { boolean, defineEvent, number, string } from '../events-kit';
import type { Channel } from '../vocabulary';
import { channel, ticketId, ticketStream } from './shared-fields';

export interface SelfServiceAnswerOfferedData {
  ticketId: string;
  offerId: string;
  /** The knowledge article the answer comes from. */
  articleId: string;
  /** The text shown to the customer; delivered on `channel` like an agent reply. */
  answer: string;
  confidence: number;
  channel: Channel;
}

export const SelfServiceAnswerOffered = defineEvent<'SelfServiceAnswerOffered', SelfServiceAnswerOfferedData>({
  type: 'SelfServiceAnswerOffered',
  summary: 'Intake offered the customer an answer from the knowledge base (instant channels, above the tenant threshold); routing goes on meanwhile.',
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['intake', 'routing', 'knowledge', 'feedback'],
  schema: {
    ticketId,
    offerId: string('Id of the offer; the customer accepts or declines this id.', { maxLength: 200 }),
    articleId: string('Knowledge article the answer comes from.', { maxLength: 200 }),
    answer: string('Answer text as offered to the customer.', { maxLength: 10_000 }),
    confidence: number("Knowledge service's confidence that the article answers the message.", { min: 0, max: 1 }),
    channel,
  },
});

export interface SelfServiceOfferAnsweredData {
  ticketId: string;
  offerId: string;
  /** Accepted: the ticket is resolved as `deflected` in the same decision. Declined: work goes on. */
  accepted: boolean;
}

export const SelfServiceOfferAnswered = defineEvent<'SelfServiceOfferAnswered', SelfServiceOfferAnsweredData>({
  type: 'SelfServiceOfferAnswered',
  summary: 'The customer accepted (the ticket resolves as deflected) or declined the self-service answer.',
  streamCategory: ticketStream,
  producers: ['intake'],
  consumers: ['routing', 'knowledge', 'feedback'],
  schema: {
    ticketId,
    offerId: string('The offer answered.', { maxLength: 200 }),
    accepted: boolean('Whether the answer solved it for the customer.'),
  },
});
