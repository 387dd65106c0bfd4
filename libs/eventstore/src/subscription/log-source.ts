import type { LogPosition } from '@ticketing/contracts';
import type { CheckpointStore, RecordedEvent } from '../event-store.port';

/** One read of a store's global log, as the catch-up loop needs it. */
export interface LogPage {
  events: RecordedEvent[];
  /** True when the read reached the end of what is readable now (not merely a filtered-short page). */
  endOfLog: boolean;
  /** Everything up to here was scanned; may lie beyond the last returned event when a filter dropped
   * events. Lets a filtered subscription move on without rescanning. */
  scannedTo?: LogPosition;
  /** Store-specific "how far the log is settled" mark of this read, compared with a head mark. */
  horizon?: number;
}

/** What a store provides so the shared catch-up loop can follow its log. */
export interface LogSource {
  readPage(after: LogPosition | undefined, maxCount: number, categories?: string[]): Promise<LogPage>;
  readonly checkpoints: CheckpointStore;
  /** A mark for "everything committed now": a page with horizon >= mark (and endOfLog) has seen it
   * all. Stores whose reads see every committed event immediately omit it. */
  captureHead?(): Promise<number>;
  /** Called after each local append, to wake idle subscriptions early. Returns an unsubscribe. */
  onAppend?(listener: () => void): () => void;
}
