import type { EventEnvelope } from '@ticketing/contracts';
import type { EntityManager } from 'typeorm';
import { foldKpiEvent, type KpiTicketState } from './kpi-fold';
import { DIMENSIONS, MEASURES, MEASURE_INDEX, dimensionValue, type Attribution, type Measure } from './kpi-measures';

/** Anything that runs SQL with positional parameters: a TypeORM EntityManager or DataSource. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const TICKET_PREFIX = 'ticket-';

/** Counter increments of one batch, summed in memory by row key. */
export class KpiDeltas {
  readonly rows = new Map<string, { tenantId: string; day: string; dimension: string; value: string; counters: number[] }>();

  add = (day: string, attribution: Attribution, measure: Measure, amount: number): void => {
    const index = MEASURE_INDEX[measure];
    for (const dimension of DIMENSIONS) {
      const value = dimensionValue(attribution, dimension);
      const key = `${attribution.tenantId}\u0000${day}\u0000${dimension}\u0000${value}`;
      let row = this.rows.get(key);
      if (!row) {
        row = { tenantId: attribution.tenantId, day, dimension, value, counters: new Array<number>(MEASURES.length).fill(0) };
        this.rows.set(key, row);
      }
      row.counters[index] += amount;
    }
  };
}

const UPSERT_COUNTERS = `
  INSERT INTO feedback.kpi_daily (tenant_id, day, dimension, value, ${MEASURES.map((m) => `"${m}"`).join(', ')})
  SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], ${MEASURES.map((_, i) => `$${i + 5}::bigint[]`).join(', ')})
  ON CONFLICT (tenant_id, dimension, day, value) DO UPDATE SET
  ${MEASURES.map((m) => `"${m}" = kpi_daily."${m}" + EXCLUDED."${m}"`).join(',\n  ')}`;

const UPSERT_TICKETS = `
  INSERT INTO feedback.kpi_ticket (ticket_id, tenant_id, state)
  SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
  ON CONFLICT (ticket_id) DO UPDATE SET state = EXCLUDED.state`;

/**
 * The KPI projection's one write path, for a single live event and for a rebuild alike: load the
 * batch's tickets' states, fold the events in memory, then write every touched ticket state with one
 * upsert and every touched counter row with another. Run it inside a transaction so the counters and
 * the states (whose stream positions make redelivery harmless) commit together.
 */
export async function projectKpiBatch(events: readonly EventEnvelope[], sql: SqlRunner): Promise<void> {
  const ticketEvents = events.filter((e) => e.streamId.startsWith(TICKET_PREFIX));
  if (ticketEvents.length === 0) return;
  const ids = [...new Set(ticketEvents.map((e) => e.streamId.slice(TICKET_PREFIX.length)))];
  const loaded = (await sql.query('SELECT ticket_id, state FROM feedback.kpi_ticket WHERE ticket_id = ANY($1::text[])', [ids])) as {
    ticket_id: string;
    state: KpiTicketState;
  }[];
  const states = new Map<string, KpiTicketState>(loaded.map((row) => [row.ticket_id, row.state]));
  const touched = new Set<string>();
  const deltas = new KpiDeltas();
  for (const event of ticketEvents) {
    const id = event.streamId.slice(TICKET_PREFIX.length);
    const before = states.get(id) ?? null;
    const beforePosition = before?.position;
    const after = foldKpiEvent(before, event, deltas.add);
    if (after && (after !== before || after.position !== beforePosition)) {
      states.set(id, after);
      touched.add(id);
    }
  }
  await writeDeltas(deltas, sql);
  if (touched.size > 0) {
    const ticketIds = [...touched];
    await sql.query(UPSERT_TICKETS, [
      ticketIds,
      ticketIds.map((id) => states.get(id)!.tenantId),
      ticketIds.map((id) => JSON.stringify(states.get(id))),
    ]);
  }
}

async function writeDeltas(deltas: KpiDeltas, sql: SqlRunner): Promise<void> {
  const rows = [...deltas.rows.values()].filter((row) => row.counters.some((c) => c !== 0));
  if (rows.length === 0) return;
  // Rows in key order, so concurrent batches lock counter rows in the same order (no deadlocks).
  rows.sort((a, b) => (a.tenantId + a.dimension + a.day + a.value < b.tenantId + b.dimension + b.day + b.value ? -1 : 1));
  await sql.query(UPSERT_COUNTERS, [
    rows.map((r) => r.tenantId),
    rows.map((r) => r.day),
    rows.map((r) => r.dimension),
    rows.map((r) => r.value),
    ...MEASURES.map((_, i) => rows.map((r) => r.counters[i])),
  ]);
}
