import { InputValidationError } from './validation';

const IF_MATCH = /^(?:W\/)?"?(\d+)"?$/;

/**
 * The stream revision named by an `If-Match` header (the ETag a client saw), or undefined when the
 * header is absent or `*`. Anything else is a 400 naming the header, before any work is done.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new InputValidationError([{ field: 'If-Match', message: 'must be the ETag of a revision, e.g. "3"' }]);
  return Number(match[1]);
}
