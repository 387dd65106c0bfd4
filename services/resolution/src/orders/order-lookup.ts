import { ServiceUnavailableException } from '@nestjs/common';
import { ConfigError } from '@ticketing/platform';

/**
 * Outbound port to the shop's order system: the fields of one order a macro may use as
 * `{{order.<name>}}` (status, carrier, trackingNumber, …). null = the shop knows no such order.
 * An unreachable shop is an error the caller sees (503), never a reply with holes in it.
 */
export interface OrderLookup {
  find(tenantId: string, orderNumber: string): Promise<Record<string, string> | null>;
}

export const ORDER_LOOKUP = Symbol('ORDER_LOOKUP');

export class OrderSystemUnavailableError extends ServiceUnavailableException {
  constructor(detail: string) {
    super(`the shop's order system is unavailable: ${detail}; pass the order fields in "fields" to reply without it`);
  }
}

/**
 * `GET <url with {orderNumber}>` with `X-Tenant-Id`; 200 = the order as a JSON object (its scalar
 * fields become `order.*`, nested objects as `a.b`), 404 = no such order, anything else, no answer
 * within the timeout or a body that is not an object = the shop is unavailable.
 */
export class HttpOrderLookup implements OrderLookup {
  constructor(
    private readonly urlTemplate: string,
    private readonly timeoutMs: number,
  ) {}

  async find(tenantId: string, orderNumber: string): Promise<Record<string, string> | null> {
    const url = this.urlTemplate.replace('{orderNumber}', encodeURIComponent(orderNumber));
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', 'x-tenant-id': tenantId }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new OrderSystemUnavailableError(timedOut ? `no answer within ${this.timeoutMs} ms` : `unreachable (${(error as Error).message})`);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new OrderSystemUnavailableError(`it answered HTTP ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new OrderSystemUnavailableError('it answered with something other than a JSON object');
    return flatten(body as Record<string, unknown>);
  }
}

function flatten(object: Record<string, unknown>, prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[prefix + key] = String(value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(fields, flatten(value as Record<string, unknown>, `${prefix}${key}.`));
  }
  return fields;
}

type Env = Record<string, string | undefined>;

/** An http(s) URL from the environment, validated at start-up; undefined when unset. */
export function httpUrlFrom(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.replace('{orderNumber}', 'x'));
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must use http or https (got "${url.protocol}")`);
  return raw;
}

/** `ORDER_LOOKUP_URL` (http/https, with `{orderNumber}`) and `ORDER_LOOKUP_TIMEOUT_MS` (default 3000); unset URL = no lookup, macros take order fields from the request only. */
export function orderLookupFromEnv(env: Env = process.env): OrderLookup | null {
  const url = httpUrlFrom(env, 'ORDER_LOOKUP_URL');
  if (!url) return null;
  if (!url.includes('{orderNumber}')) throw new ConfigError('ORDER_LOOKUP_URL', 'must contain {orderNumber}, e.g. https://shop.example/api/orders/{orderNumber}');
  const rawTimeout = env.ORDER_LOOKUP_TIMEOUT_MS?.trim();
  const timeoutMs = rawTimeout ? Number(rawTimeout) : 3_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) throw new ConfigError('ORDER_LOOKUP_TIMEOUT_MS', `must be an integer 1-60000 (got "${rawTimeout}")`);
  return new HttpOrderLookup(url, timeoutMs);
}
