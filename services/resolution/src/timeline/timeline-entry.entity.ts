import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per ticket event, for the ticket's timeline. */
@Entity({ schema: 'resolution', name: 'timeline_entries' })
@Index(['tenantId', 'ticketId', 'position'])
export class TimelineEntry {
  @PrimaryColumn('uuid')
  eventId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  ticketId!: string;

  @Column('integer')
  position!: number;

  @Column('text')
  type!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('jsonb')
  actor!: { kind: string; id: string };

  /** `customer` entries are what the customer may see; `internal` ones only staff. */
  @Column('text')
  visibility!: 'customer' | 'internal';

  @Column('jsonb')
  data!: unknown;
}
