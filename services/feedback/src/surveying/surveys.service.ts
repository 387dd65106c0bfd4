import { ForbiddenException, GoneException, Inject, Injectable } from '@nestjs/common';
import { SATISFACTION_SCALE, streamId, type Channel, type CommandMetadata, type SatisfactionDimensions } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import { SurveyLinkDomainError, SurveyLinkSigner, type SurveyLinkClaims } from './survey-link';

/** Injected so tests (and replays) decide with a clock they control. */
export const FEEDBACK_CLOCK = Symbol('FEEDBACK_CLOCK');
export type Clock = () => number;

export const DEFAULT_SURVEY_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

export interface SentSurvey {
  ticketId: string;
  surveyId: string;
  expiresAt: string;
  /** The signed token for the customer's link (`/surveys/answers` with `{ token, ... }`). */
  token: string;
}

export interface SurveyLinkView {
  ticketId: string;
  surveyId: string;
  expiresAt: string;
  answered: boolean;
  question: string;
  scale: { min: number; max: number };
  dimensions: string[];
  answerWith: { method: 'POST'; path: string; body: Record<string, string> };
}

export interface SurveyAnswer {
  rating: number;
  comment: string | null;
  dimensions: SatisfactionDimensions;
}

/** Sends a ticket's survey and records the customer's answer; the ticket decider keeps it once per survey. */
@Injectable()
export class SurveysService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SurveyLinkSigner) private readonly signer: SurveyLinkSigner,
    @Inject(FEEDBACK_CLOCK) private readonly clock: Clock,
  ) {}

  async send(ticketId: string, metadata: CommandMetadata, options: { channel?: Channel; validForMs?: number } = {}): Promise<SentSurvey> {
    const now = this.clock();
    const surveyId = uuidv7();
    const expiresAt = new Date(now + (options.validForMs ?? DEFAULT_SURVEY_VALIDITY_MS)).toISOString();
    await this.run(ticketId, {
      type: 'SendSurvey',
      ticketId,
      metadata: { ...metadata, now: new Date(now).toISOString() },
      data: { surveyId, expiresAt, ...(options.channel ? { channel: options.channel } : {}) },
    });
    return { ticketId, surveyId, expiresAt, token: this.signer.sign({ tenantId: metadata.tenantId, ticketId, surveyId, expiresAt }) };
  }

  /** An answer through the signed link: the token names tenant, ticket and survey; nothing else is trusted. */
  async answerByLink(token: string, answer: SurveyAnswer, correlationId: string): Promise<{ ticketId: string; surveyId: string }> {
    const now = this.clock();
    const claims = this.verified(token, now);
    await this.run(claims.ticketId, {
      type: 'RateSatisfaction',
      ticketId: claims.ticketId,
      metadata: {
        tenantId: claims.tenantId,
        actor: { kind: 'customer', id: `survey-link:${claims.surveyId}` },
        correlationId,
        causationId: null,
        now: new Date(now).toISOString(),
      },
      data: { surveyId: claims.surveyId, ...answer },
    });
    return { ticketId: claims.ticketId, surveyId: claims.surveyId };
  }

  /** What a survey link shows when opened (GET): which survey, until when, whether it was answered, how to answer. */
  async view(token: string): Promise<SurveyLinkView> {
    const claims = this.verified(token, this.clock());
    const events = await this.store.readStream(streamId('ticket', claims.ticketId));
    const state = events.reduce(ticketDecider.evolve, ticketDecider.initialState());
    const survey = 'survey' in state && state.survey?.surveyId === claims.surveyId ? state.survey : null;
    return {
      ticketId: claims.ticketId,
      surveyId: claims.surveyId,
      expiresAt: claims.expiresAt,
      answered: survey?.rating != null,
      question: 'How satisfied are you with how we handled your request?',
      scale: { min: SATISFACTION_SCALE.min, max: SATISFACTION_SCALE.max },
      dimensions: ['attitude', 'responseSpeed', 'problemSolved', 'expertise'],
      answerWith: { method: 'POST', path: '/surveys/answers', body: { token: '<this token>', rating: `${SATISFACTION_SCALE.min}-${SATISFACTION_SCALE.max}`, dimensions: '{ attitude?, responseSpeed?, problemSolved?, expertise? }', comment: 'optional' } },
    };
  }

  /** An answer through the ticket's channel, by the customer authenticated there. */
  async answer(ticketId: string, surveyId: string, answer: SurveyAnswer, metadata: CommandMetadata): Promise<void> {
    await this.run(ticketId, {
      type: 'RateSatisfaction',
      ticketId,
      metadata: { ...metadata, now: new Date(this.clock()).toISOString() },
      data: { surveyId, ...answer },
    });
  }

  /** A forged link is refused (403), an expired one is gone (410); either way nothing is written. */
  private verified(token: string, now: number): SurveyLinkClaims {
    try {
      return this.signer.verify(token, now);
    } catch (error) {
      if (!(error instanceof SurveyLinkDomainError)) throw error;
      const problem = { problem: { code: error.code, errors: [{ field: 'token', message: error.message }] } };
      throw error.code === 'survey_link_expired'
        ? new GoneException({ message: error.message, ...problem })
        : new ForbiddenException({ message: error.message, ...problem });
    }
  }

  private run(ticketId: string, command: TicketCommand) {
    return handleCommand({ store: this.store, streamId: streamId('ticket', ticketId), decider: ticketDecider, command, validate: validateNewEvent });
  }
}
