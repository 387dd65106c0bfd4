import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table name, unqualified: it lives in the DataSource's schema next to the read model it guards. */
export const PROCESSED_EVENTS_TABLE = 'processed_events';

/** One row per (consumer, event) whose effect has been committed: the consumer side of
 * exactly-once-in-effect. Add PROCESSED_EVENT_ENTITIES to every read-model DataSource. */
@Entity({ name: PROCESSED_EVENTS_TABLE })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}

export const PROCESSED_EVENT_ENTITIES = [ProcessedEvent] as const;
