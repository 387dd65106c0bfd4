import {
  SQLSTATE_RETRY_XID_ORDER,
  SQLSTATE_UNIQUE_VIOLATION,
  SQLSTATE_WRONG_EXPECTED_REVISION,
  STREAM_POSITION_CONSTRAINT,
} from './schema';

export type AppendFailure =
  | { kind: 'wrong_expected_revision'; actual: number }
  /** Our transaction is older than the stream's last writer: a fresh transaction will do. */
  | { kind: 'retry_xid_order' }
  /** A concurrent writer took the position we computed (it committed while we waited on it). */
  | { kind: 'position_taken' }
  | { kind: 'other' };

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

export function classifyAppendError(error: unknown): AppendFailure {
  const { code, detail, constraint, message } = (error ?? {}) as PgError;
  if (code === SQLSTATE_WRONG_EXPECTED_REVISION) return { kind: 'wrong_expected_revision', actual: Number(detail) };
  if (code === SQLSTATE_RETRY_XID_ORDER) return { kind: 'retry_xid_order' };
  const onStreamPosition = constraint === STREAM_POSITION_CONSTRAINT || (!constraint && !!message?.includes(STREAM_POSITION_CONSTRAINT));
  if (code === SQLSTATE_UNIQUE_VIOLATION && onStreamPosition) return { kind: 'position_taken' };
  return { kind: 'other' };
}
