import type { EventEnvelope } from '@ticketing/contracts';
import { foldKpiEvent, type KpiTicketState } from './kpi-fold';
import { DIMENSIONS, MEASURES, MEASURE_INDEX, dimensionValue, type Attribution, type Measure } from './kpi-measures';

/** Anything that runs SQL with positional parameters: a TypeORM EntityManager or DataSource. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const TICKET_PREFIX = 'ticket-';

/** Counter increments of one batch, summed in memory per day and attribution; spread over the
 * dimensions only when written, so an increment costs one map lookup. */
export class KpiDeltas {
  private readonly byAttribution = new Map<string, { day: string; attribution: Attribution; counters: number[] }>();

  // An event usually emits several measures for the same attribution: remember the last entry.
  private last: { day: string; attribution: Attribution; counters: number[] } | undefined;

  add = (day: string, attribution: Attribution, measure: Measure, amount: number): void => {
    let entry = this.last;
    if (!entry || entry.attribution !== attribution || entry.day !== day) {
      const key = `${day}\u0000${attribution.tenantId}\u0000${attribution.channel}\u0000${attribution.category}\u0000${attribution.group}\u0000${attribution.agent}`;
      entry = this.byAttribution.get(key);
      if (!entry) {
        entry = { day, attribution, counters: new Array<number>(MEASURES.length).fill(0) };
        this.byAttribution.set(key, entry);
      }
      this.last = entry;
    }
    entry.counters[MEASURE_INDEX[measure]] += amount;
  };

  /** The counter rows to add: one per tenant, day, dimension and value. */
  rows(): { tenantId: string; day: string; dimension: string; value: string; counters: number[] }[] {
    const rows = new Map<string, { tenantId: string; day: string; dimension: string; value: string; counters: number[] }>();
    for (const { day, attribution, counters } of this.byAttribution.values()) {
      for (const dimension of DIMENSIONS) {
        const value = dimensionValue(attribution, dimension);
        const key = `${attribution.tenantId}\u0000${dimension}\u0000${day}\u0000${value}`;
        const row = rows.get(key);
        if (!row) {
          rows.set(key, { tenantId: attribution.tenantId, day, dimension, value, counters: [...counters] });
        } else {
          for (let i = 0; i < counters.length; i++) row.counters[i] += counters[i];
        }
      }
    }
    // Key order, so concurrent batches lock counter rows in the same order (no deadlocks).
    return [...rows.entries()]
      .filter(([, row]) => row.counters.some((c) => c !== 0))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row);
  }
}

const UPSERT_COUNTERS = `
  INSERT INTO feedback.kpi_daily (tenant_id, day, dimension, value, ${MEASURES.map((m) => `"${m}"`).join(', ')})
  SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], ${MEASURES.map((_, i) => `$${i + 5}::bigint[]`).join(', ')})
  ON CONFLICT (tenant_id, dimension, day, value) DO UPDATE SET
  ${MEASURES.map((m) => `"${m}" = kpi_daily."${m}" + EXCLUDED."${m}"`).join(',\n  ')}`;

// One JSON document for the whole batch: cheaper to send than a text[] of JSON (no array escaping).
const UPSERT_TICKETS = `
  INSERT INTO feedback.kpi_ticket (ticket_id, tenant_id, state)
  SELECT ticket_id, tenant_id, state FROM json_to_recordset($1::json) AS t(ticket_id text, tenant_id text, state json)
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
    const rows = [...touched].map((id) => ({ ticket_id: id, tenant_id: states.get(id)!.tenantId, state: states.get(id) }));
    await sql.query(UPSERT_TICKETS, [JSON.stringify(rows)]);
  }
}

async function writeDeltas(deltas: KpiDeltas, sql: SqlRunner): Promise<void> {
  const rows = deltas.rows();
  if (rows.length === 0) return;
  await sql.query(UPSERT_COUNTERS, [
    rows.map((r) => r.tenantId),
    rows.map((r) => r.day),
    rows.map((r) => r.dimension),
    rows.map((r) => r.value),
    ...MEASURES.map((_, i) => rows.map((r) => r.counters[i])),
  ]);
}
