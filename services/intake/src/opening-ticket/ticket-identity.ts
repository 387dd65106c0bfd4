import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Namespace for name-based (v5) ids of this platform. */
const NAMESPACE = '6f1c3a52-8d0e-4b8e-9a55-2f0d1c7e4b19';

/**
 * The ticket id for a submission. A retry must land on the same ticket without any lookup table
 * (nothing to write twice, nothing to race): the id is derived from the tenant and the channel's
 * own message id, else the client's Idempotency-Key; only a submission with neither gets a fresh id.
 */
export function ticketIdFor(tenantId: string, input: { channel: string; channelMessageId?: string; idempotencyKey?: string }): string {
  if (input.channelMessageId) return uuidv5(`${tenantId}\u0000msg\u0000${input.channel}\u0000${input.channelMessageId}`, NAMESPACE);
  if (input.idempotencyKey) return uuidv5(`${tenantId}\u0000idem\u0000${input.idempotencyKey}`, NAMESPACE);
  return uuidv7();
}
