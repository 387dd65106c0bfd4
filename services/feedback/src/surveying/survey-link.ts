import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a survey link vouches for: which survey of which ticket of which tenant, until when. */
export interface SurveyLinkClaims {
  tenantId: string;
  ticketId: string;
  surveyId: string;
  expiresAt: string;
}

/** Coded like the deciders' errors, so the problem+json filter maps them (both are 4xx). */
export class SurveyLinkDomainError extends Error {
  override readonly name = 'SurveyLinkDomainError';
  constructor(
    readonly code: 'survey_link_invalid' | 'survey_link_expired',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Signed survey links: `<base64url(claims)>.<base64url(HMAC-SHA256(claims))>`. The customer needs no
 * account; the signature stops anyone from answering a survey they were not sent, and the expiry is
 * inside the signed part so it cannot be stretched.
 */
export class SurveyLinkSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the survey link secret must be at least 32 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(claims: SurveyLinkClaims): string {
    const body = Buffer.from(JSON.stringify([claims.tenantId, claims.ticketId, claims.surveyId, claims.expiresAt])).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired token; throws otherwise (forged, altered, expired). */
  verify(token: string, now: number): SurveyLinkClaims {
    const [body, signature, ...rest] = token.split('.');
    const given = Buffer.from(signature ?? '', 'base64url');
    const expected = body ? this.mac(body) : Buffer.alloc(0);
    if (rest.length > 0 || !body || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new SurveyLinkDomainError('survey_link_invalid', 'The survey link is not valid');
    }
    const [tenantId, ticketId, surveyId, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as string[];
    if (now > Date.parse(expiresAt)) throw new SurveyLinkDomainError('survey_link_expired', `The survey link expired at ${expiresAt}`);
    return { tenantId, ticketId, surveyId, expiresAt };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
