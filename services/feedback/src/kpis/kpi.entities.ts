import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MEASURES } from './kpi-measures';

/** One row per tenant, day, dimension and value: the additive counters of kpi-measures.ts. */
@Entity({ schema: 'feedback', name: 'kpi_daily' })
export class KpiDaily {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  dimension!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** '' for the `all` dimension. */
  @PrimaryColumn({ type: 'text' })
  value!: string;
}
// The counters are columns named after the measures; declared in a loop so the list lives in one place.
for (const measure of MEASURES) Column({ type: 'bigint', default: 0, name: measure })(KpiDaily.prototype, measure);

/** The KPI fold's memory per ticket (see KpiTicketState), written in the same transaction as the counters. */
@Entity({ schema: 'feedback', name: 'kpi_ticket' })
@Index(['tenantId'])
export class KpiTicket {
  @PrimaryColumn({ name: 'ticket_id', type: 'text' })
  ticketId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** json, not jsonb: written far more often than read, and never queried inside. */
  @Column({ type: 'json' })
  state!: object;
}
