import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { streamId, type SurveyLink, type SurveyLinkPort } from '@ticketing/contracts';
import { aggregateStream, type EventStore } from '@ticketing/eventstore';
import { ConfigError, EVENT_STORE, loadDeploymentKey, type PlatformConfig } from '@ticketing/platform';
import { ticketDecider, ticketExists } from '@ticketing/ticket';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { SurveyLinkSigner } from './survey-link';

type Env = Record<string, string | undefined>;

/** The path a survey link opens: GET shows the survey, POST with the token answers it. */
export const SURVEY_ANSWER_PATH = '/surveys/answers';

/**
 * FEEDBACK_SURVEY_LINK_SECRET signs survey links (at least 32 characters, the same on every
 * replica). Embedded, without it, a key file made once under DATA_DIR (`feedback-survey-links.key`,
 * or FEEDBACK_SURVEY_LINK_SECRET_FILE) keeps links valid across restarts; distributed, the variable
 * is required, since a per-pod key would make one replica refuse another's links.
 */
export function surveyLinkSignerFor(config: PlatformConfig, env: Env = process.env): SurveyLinkSigner {
  const embedded = config.eventStore.kind === 'pglite';
  // The key file sits beside the embedded event store (DATA_DIR as the runtime was configured with).
  const dataDir = config.eventStore.kind === 'pglite' ? dirname(config.eventStore.dataDir) : env['DATA_DIR'];
  const secret = loadDeploymentKey(
    { variable: 'FEEDBACK_SURVEY_LINK_SECRET', fileVariable: 'FEEDBACK_SURVEY_LINK_SECRET_FILE', defaultFileName: 'feedback-survey-links.key' },
    { ...env, DATA_DIR: dataDir },
    { required: !embedded },
  );
  return new SurveyLinkSigner(secret);
}

/** FEEDBACK_PUBLIC_URL: where customers reach feedback's HTTP API (validated at start-up); null = this process's own address. */
export function publicUrlOf(env: Env = process.env): string | null {
  const value = env['FEEDBACK_PUBLIC_URL']?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('FEEDBACK_PUBLIC_URL', `must be an absolute http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('FEEDBACK_PUBLIC_URL', 'must be an http or https URL');
  return value.replace(/\/+$/, '');
}

export const FEEDBACK_PUBLIC_URL = Symbol('FEEDBACK_PUBLIC_URL');

/**
 * Feedback's SurveyLinkPort: the signed link of a ticket's current survey, minted when intake
 * delivers it (the token is derived from the SurveySent event, so it is the same every time and
 * never needs storing). A survey that is no longer the ticket's current one has no link.
 */
@Injectable()
export class FeedbackSurveyLinks implements SurveyLinkPort {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SurveyLinkSigner) private readonly signer: SurveyLinkSigner,
    @Inject(FEEDBACK_PUBLIC_URL) private readonly publicUrl: string | null,
    private readonly http: HttpAdapterHost,
  ) {}

  linkFor(tenantId: string, ticketId: string, surveyId: string): Promise<SurveyLink | null> {
    return this.linkOf(tenantId, ticketId, surveyId);
  }

  /** The link of the ticket's current survey (`surveyId` null), or of that survey if it is the current one. */
  async linkOf(tenantId: string, ticketId: string, surveyId: string | null): Promise<SurveyLink | null> {
    const { state } = await aggregateStream(this.store, streamId('ticket', ticketId), ticketDecider.evolve, ticketDecider.initialState);
    if (!ticketExists(state) || state.tenantId !== tenantId || !state.survey || (surveyId !== null && state.survey.surveyId !== surveyId)) return null;
    const { expiresAt } = state.survey;
    surveyId = state.survey.surveyId;
    const token = this.signer.sign({ tenantId, ticketId, surveyId, expiresAt });
    return { url: `${this.baseUrl()}${SURVEY_ANSWER_PATH}?token=${encodeURIComponent(token)}`, token, expiresAt };
  }

  private baseUrl(): string {
    if (this.publicUrl) return this.publicUrl;
    const address = this.http.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null | undefined;
    const port = typeof address === 'object' && address ? address.port : Number(process.env['HTTP_PORT'] ?? 3000);
    return `http://127.0.0.1:${port}`;
  }
}
