import type { EventEnvelope } from '@ticketing/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A read model fed by events. `apply` runs inside the transaction that also records the event as
 * processed, so a redelivered event changes nothing; `reset` empties the model for a rebuild.
 */
export interface Projection {
  name: string;
  /** Stream categories it reads (e.g. ['ticket']). */
  categories: string[];
  /** Event types it handles; others are skipped without opening a transaction. */
  handles: readonly string[];
  apply(event: EventEnvelope, manager: EntityManager): Promise<void>;
  reset(manager: EntityManager): Promise<void>;
  /**
   * Optional bulk path for a rebuild into the emptied model (ticketctl replay): takes the log's pages
   * in order. Only for a projection that is idempotent by itself (e.g. by stream position), because
   * the rebuild records no processed-event marks.
   */
  rebuilder?(dataSource: DataSource): ProjectionRebuilder;
}

export interface ProjectionRebuilder {
  push(events: readonly EventEnvelope[]): Promise<void>;
  /** Waits until everything pushed is written. */
  flush(): Promise<void>;
}

/** Registry of every projection in the process, so ticketctl can replay one by name. */
export const PROJECTIONS = Symbol('PROJECTIONS');
