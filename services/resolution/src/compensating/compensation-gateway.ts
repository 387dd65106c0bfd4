import type { CompensationKind } from '@ticketing/contracts';
import { httpUrlFrom } from '../orders/order-lookup';

/** What resolution asks the shop's order/payment system to do for an approved compensation. */
export interface IssueCompensation {
  /** Same key for every attempt at one compensation: the shop must not pay twice for it. */
  idempotencyKey: string;
  tenantId: string;
  ticketId: string;
  compensationId: string;
  orderNumber: string | null;
  customerId: string;
  kind: CompensationKind;
  amount: number;
  currency: string | null;
}

export type IssueResult = { outcome: 'issued'; externalReference: string | null } | { outcome: 'failed'; reason: string };

/** Outbound port. A transient failure throws (the approval is redelivered and retried); a refusal
 * by the shop is a result, recorded on the ticket. */
export interface CompensationGateway {
  issue(request: IssueCompensation): Promise<IssueResult>;
}

export const COMPENSATION_GATEWAY = Symbol('COMPENSATION_GATEWAY');

export class TransientGatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientGatewayError';
  }
}

/**
 * The shop's HTTP endpoint: `POST <url>` with the request as JSON and `Idempotency-Key`. 2xx =
 * issued (`reference` in the body, if any); 4xx = refused (`detail` or `message` as the reason);
 * anything else, or no answer within the timeout = transient.
 */
export class HttpCompensationGateway implements CompensationGateway {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async issue(request: IssueCompensation): Promise<IssueResult> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': request.idempotencyKey },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TransientGatewayError(`compensation gateway unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as { reference?: unknown; detail?: unknown; message?: unknown };
    if (response.ok) return { outcome: 'issued', externalReference: typeof body.reference === 'string' ? body.reference : null };
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      const reason = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
      return { outcome: 'failed', reason: reason.slice(0, 2000) };
    }
    throw new TransientGatewayError(`compensation gateway answered HTTP ${response.status}`);
  }
}

/** `COMPENSATION_GATEWAY_URL` (http/https), validated at start-up; unset = compensations are approved
 * but not sent anywhere (they show as approved, not issued). */
export function gatewayFromEnv(env: Record<string, string | undefined> = process.env): CompensationGateway | null {
  const url = httpUrlFrom(env, 'COMPENSATION_GATEWAY_URL');
  return url ? new HttpCompensationGateway(url) : null;
}
