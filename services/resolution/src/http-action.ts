import type { Response } from 'express';
import { InputValidationError } from '@ticketing/platform';
import type { ActionResult } from './ticket-actions.service';

export const IF_MATCH = /^(?:W\/)?"?(\d+)"?$/;

/** `If-Match: "3"` → 3; absent or `*` → no optimistic check. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new InputValidationError([{ field: 'If-Match', message: 'must be the ETag of a revision, e.g. "3"' }]);
  return Number(match[1]);
}

/** Every action answers with the ticket's new revision as ETag, for the client's next If-Match. */
export async function withEtag<T extends ActionResult>(response: Response, result: Promise<T>): Promise<T> {
  const done = await result;
  response.setHeader('ETag', `"${done.revision}"`);
  return done;
}

/** gRPC: expected_revision -1 or absent = no optimistic check. */
export const revisionOf = (message: { expectedRevision?: number }) =>
  message.expectedRevision !== undefined && message.expectedRevision >= 0 ? message.expectedRevision : undefined;
