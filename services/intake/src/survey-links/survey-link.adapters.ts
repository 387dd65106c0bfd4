import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SURVEY_LINK_PORT, type DeliveryRequestedData, type SurveyLink, type SurveyLinkPort } from '@ticketing/contracts';
import { ConfigError, PLATFORM_CONFIG, type PlatformConfig } from '@ticketing/platform';
import * as jwt from 'jsonwebtoken';

type Env = Record<string, string | undefined>;

/**
 * Feedback's HTTP API for a survey's signed link (`GET /tickets/{id}/survey/link`), for intake
 * running without feedback in its process. It authenticates as the tenant's service with a
 * one-minute JWT signed with the deployment's JWT_SECRET (role supervisor, subject `service:intake`),
 * so no tenant's API key has to be handed to intake.
 */
export class HttpSurveyLinks implements SurveyLinkPort {
  constructor(
    private readonly baseUrl: string,
    private readonly jwtConfig: NonNullable<PlatformConfig['jwt']>,
    private readonly timeoutMs = 5_000,
  ) {}

  async linkFor(tenantId: string, ticketId: string, surveyId: string): Promise<SurveyLink | null> {
    const token = jwt.sign({ tenant: tenantId, role: 'supervisor' }, this.jwtConfig.secret, {
      algorithm: 'HS256',
      subject: 'service:intake',
      expiresIn: 60,
      ...(this.jwtConfig.issuer ? { issuer: this.jwtConfig.issuer } : {}),
      ...(this.jwtConfig.audience ? { audience: this.jwtConfig.audience } : {}),
    });
    const url = `${this.baseUrl}/tickets/${encodeURIComponent(ticketId)}/survey/link?surveyId=${encodeURIComponent(surveyId)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`feedback answered ${response.status} for the link of survey ${surveyId}`);
    const body = (await response.json()) as SurveyLink;
    if (typeof body.url !== 'string' || typeof body.expiresAt !== 'string') throw new Error('feedback answered a survey link without url/expiresAt');
    return body;
  }
}

/** INTAKE_FEEDBACK_URL: feedback's HTTP API when it runs elsewhere (validated at start-up; it needs JWT_SECRET). */
export function httpSurveyLinksFor(config: Pick<PlatformConfig, 'jwt'>, env: Env = process.env): HttpSurveyLinks | null {
  const value = env['INTAKE_FEEDBACK_URL']?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('INTAKE_FEEDBACK_URL', `must be an absolute http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('INTAKE_FEEDBACK_URL', 'must be an http or https URL');
  if (!config.jwt) throw new ConfigError('INTAKE_FEEDBACK_URL', 'needs JWT_SECRET: intake authenticates to feedback with a short-lived service token');
  return new HttpSurveyLinks(value.replace(/\/+$/, ''), config.jwt);
}

/**
 * Intake's way to a survey link: feedback's provider under SURVEY_LINK_PORT when it runs in this
 * process (embedded runtime; looked up lazily and non-strictly because intake must not import
 * feedback), else feedback's HTTP API (INTAKE_FEEDBACK_URL), else none (the survey goes out without
 * a link and is answered through the channel).
 */
@Injectable()
export class SurveyLinks implements SurveyLinkPort {
  private readonly logger = new Logger(SurveyLinks.name);
  private readonly http: HttpSurveyLinks | null;
  private warned = false;

  constructor(
    private readonly modules: ModuleRef,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.http = httpSurveyLinksFor(config);
  }

  private inProcess(): SurveyLinkPort | null {
    try {
      const provided = this.modules.get<SurveyLinkPort>(SURVEY_LINK_PORT, { strict: false });
      return provided && provided !== this ? provided : null;
    } catch {
      return null;
    }
  }

  async linkFor(tenantId: string, ticketId: string, surveyId: string): Promise<SurveyLink | null> {
    const port = this.inProcess() ?? this.http;
    if (!port) {
      if (!this.warned) this.logger.warn('no feedback in this process and no INTAKE_FEEDBACK_URL: surveys go out without a link');
      this.warned = true;
      return null;
    }
    return port.linkFor(tenantId, ticketId, surveyId);
  }

  /**
   * The survey message as the customer gets it: the stored text plus the signed link, added only
   * now, at send time, so the bearer token is never written into an event. Throws when feedback
   * cannot be asked (the delivery attempt fails and is retried).
   */
  async render(request: DeliveryRequestedData, tenantId: string): Promise<DeliveryRequestedData> {
    if (request.kind !== 'survey') return request;
    const link = await this.linkFor(tenantId, request.ticketId, request.messageId);
    return link ? { ...request, text: `${request.text}\n\nAnswer here: ${link.url}` } : request;
  }
}
