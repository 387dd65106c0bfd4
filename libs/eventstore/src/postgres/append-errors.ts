import { SQLSTATE_UNIQUE_VIOLATION, STREAM_POSITION_CONSTRAINT } from './schema';

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A concurrent writer took the stream position we computed (it committed while we waited on its
 * row). PGlite reports no constraint name, only the message. */
export function isStreamPositionTaken(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as PgError;
  const onStreamPosition = constraint === STREAM_POSITION_CONSTRAINT || (!constraint && !!message?.includes(STREAM_POSITION_CONSTRAINT));
  return code === SQLSTATE_UNIQUE_VIOLATION && onStreamPosition;
}
