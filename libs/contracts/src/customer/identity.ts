import type { Channel } from '../ticket/vocabulary';

/**
 * A customer's address on one channel. Identities are stored normalised, so "Li.Wei@Example.com "
 * and "li.wei@example.com" are one identity and the read model's uniqueness (tenant, kind, network,
 * value) means what a person would expect.
 */
export const CUSTOMER_IDENTITY_KINDS = ['email', 'phone', 'app_user', 'social'] as const;
export type CustomerIdentityKind = (typeof CUSTOMER_IDENTITY_KINDS)[number];

export interface CustomerIdentity {
  kind: CustomerIdentityKind;
  /** The social network (`wechat`, `weibo`, `instagram`, …) for `social`; null for every other kind. */
  network: string | null;
  value: string;
}

export type IdentityProblem = { field: 'value' | 'network'; message: string };

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\].]{2,}$/;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const NETWORK = /^[a-z][a-z0-9_.-]{0,39}$/;
const OPAQUE = /^[^\s\p{Cc}]{1,200}$/u;

/** Lower-cased, trimmed; null when it is not an address at all. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

/**
 * E.164-ish: separators dropped; `+` or `00` marks an international number and becomes `+`. A
 * national number keeps its digits without a guessed country code (we do not know the shop's
 * country here), so `+86 138…` and `138…` stay two identities until someone links them.
 */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!PHONE_CHARACTERS.test(trimmed)) return null;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  const allDigits = trimmed.replace(/\D/g, '');
  const digits = trimmed.startsWith('00') ? allDigits.slice(2) : allDigits;
  if (digits.length < 6 || digits.length > 15) return null;
  return international ? `+${digits}` : digits;
}

/** Validates and normalises an identity as given by an API caller. */
export function normaliseIdentity(input: { kind: CustomerIdentityKind; network?: string | null; value: string }): CustomerIdentity | IdentityProblem {
  const network = input.network?.trim().toLowerCase() || null;
  if (input.kind !== 'social' && network !== null) return { field: 'network', message: `network applies only to social identities, not ${input.kind}` };
  switch (input.kind) {
    case 'email': {
      const value = normaliseEmail(input.value);
      return value ? { kind: 'email', network: null, value } : { field: 'value', message: 'must be an e-mail address like name@example.com' };
    }
    case 'phone': {
      const value = normalisePhone(input.value);
      return value ? { kind: 'phone', network: null, value } : { field: 'value', message: 'must be a phone number of 6-15 digits, optionally starting with + or 00' };
    }
    case 'app_user': {
      const value = input.value.trim();
      return OPAQUE.test(value) ? { kind: 'app_user', network: null, value } : { field: 'value', message: 'must be 1-200 characters without spaces' };
    }
    case 'social': {
      if (network === null || !NETWORK.test(network)) return { field: 'network', message: 'must name the social network, e.g. wechat, weibo, instagram' };
      const value = input.value.trim().replace(/^@/, '').toLowerCase();
      return OPAQUE.test(value) ? { kind: 'social', network, value } : { field: 'value', message: 'must be a handle of 1-200 characters without spaces' };
    }
    default: {
      const unknownKind: never = input.kind;
      return { field: 'value', message: `unknown identity kind ${String(unknownKind)}` };
    }
  }
}

export function isIdentityProblem(result: CustomerIdentity | IdentityProblem): result is IdentityProblem {
  return 'field' in result;
}

/**
 * The identity a channel handle stands for, when a ticket is opened. Never fails: a handle that is an
 * e-mail address is that address on every channel (chat and web forms often ask for one, which is
 * how one person's chat and e-mail meet); hotline handles and phone-shaped ones are phones; social
 * handles may say their network as `network:handle`; anything else is the app's own user id.
 */
export function identityFromHandle(channel: Channel, handle: string): CustomerIdentity {
  const email = normaliseEmail(handle);
  if (email) return { kind: 'email', network: null, value: email };
  // On other channels only an explicitly international number is taken for a phone: a bare digit
  // string there is as likely an app's numeric user id.
  const phone = normalisePhone(handle);
  if (phone && (channel === 'hotline' || phone.startsWith('+'))) return { kind: 'phone', network: null, value: phone };
  if (channel === 'social') {
    const match = /^([a-z][a-z0-9_.-]{0,39}):(.+)$/i.exec(handle.trim());
    const identity = normaliseIdentity({ kind: 'social', network: match ? match[1] : 'unknown', value: match ? match[2] : handle });
    if (!isIdentityProblem(identity)) return identity;
  }
  // The opaque fallback keeps every handle resolvable; trimming and a length cap are all we assume.
  return { kind: 'app_user', network: null, value: handle.trim().slice(0, 200) || 'blank' };
}

/** Human form for views: `email li.wei@example.com`, `social wechat:li_wei`. */
export function describeIdentity(identity: CustomerIdentity): string {
  return `${identity.kind} ${identity.network ? `${identity.network}:` : ''}${identity.value}`;
}
