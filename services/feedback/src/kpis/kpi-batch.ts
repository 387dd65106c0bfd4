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

/** The statements that write one folded batch, with their parameters already serialized. */
interface PreparedWrite {
  counters: unknown[] | null;
  tickets: unknown[] | null;
}

/** Folds `ticketEvents` into `states` (mutated in place), returning the writes that record the result. */
function foldBatch(ticketEvents: readonly EventEnvelope[], states: Map<string, KpiTicketState>): PreparedWrite {
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
  // Serialized now: the states are mutated by the next fold while this write may still be in flight.
  const tickets = touched.size === 0 ? null : [JSON.stringify([...touched].map((id) => ({ ticket_id: id, tenant_id: states.get(id)!.tenantId, state: states.get(id) })))];
  return { counters: counterParameters(deltas), tickets };
}

async function write(prepared: PreparedWrite, sql: SqlRunner): Promise<void> {
  if (prepared.counters) await sql.query(UPSERT_COUNTERS, prepared.counters);
  if (prepared.tickets) await sql.query(UPSERT_TICKETS, prepared.tickets);
}

const ticketIdsOf = (events: readonly EventEnvelope[]) => [...new Set(events.map((e) => e.streamId.slice(TICKET_PREFIX.length)))];

async function loadStates(ids: string[], sql: SqlRunner, into: Map<string, KpiTicketState>): Promise<void> {
  if (ids.length === 0) return;
  const loaded = (await sql.query('SELECT ticket_id, state FROM feedback.kpi_ticket WHERE ticket_id = ANY($1::text[])', [ids])) as {
    ticket_id: string;
    state: KpiTicketState;
  }[];
  for (const row of loaded) into.set(row.ticket_id, row.state);
}

/**
 * The KPI projection's one write path, for a single live event and for a rebuild alike: load the
 * batch's tickets' states, fold the events in memory, then write every touched ticket state with one
 * upsert and every touched counter row with another. Run it inside a transaction so the counters and
 * the states (whose stream positions make redelivery harmless) commit together.
 */
export async function projectKpiBatch(events: readonly EventEnvelope[], sql: SqlRunner): Promise<void> {
  const ticketEvents = events.filter((e) => e.streamId.startsWith(TICKET_PREFIX));
  if (ticketEvents.length === 0) return;
  const states = new Map<string, KpiTicketState>();
  await loadStates(ticketIdsOf(ticketEvents), sql, states);
  await write(foldBatch(ticketEvents, states), sql);
}

/**
 * A rebuild into an emptied KPI read model, pipelined: the ticket states stay in memory between
 * batches (the read model holds nothing this rebuild did not write, so nothing has to be loaded),
 * and batch N+1 is folded while batch N's transaction is still being written, so the CPU-bound fold
 * and PostgreSQL's work overlap. Batches still commit one after another, in log order. States beyond
 * `maxCachedTickets` are dropped from memory (oldest first) and read back from the read model when
 * their ticket appears again, after the writes in flight have committed. A failed write fails every
 * later push and `flush`: the rebuild has to start over (reset, then replay).
 */
export class KpiRebuild {
  private readonly states = new Map<string, KpiTicketState>();
  private readonly evicted = new Set<string>();
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly transaction: (work: (sql: SqlRunner) => Promise<void>) => Promise<void>,
    private readonly maxCachedTickets = 1_000_000,
  ) {}

  /** Folds the batch now; resolves once the previous batch has committed and this one's write has started. */
  async push(events: readonly EventEnvelope[]): Promise<void> {
    const ticketEvents = events.filter((e) => e.streamId.startsWith(TICKET_PREFIX));
    if (ticketEvents.length === 0) return;
    const reload = ticketIdsOf(ticketEvents).filter((id) => this.evicted.has(id));
    if (reload.length > 0) {
      await this.inFlight;
      await this.transaction((sql) => loadStates(reload, sql, this.states));
      for (const id of reload) this.evicted.delete(id);
    }
    const prepared = foldBatch(ticketEvents, this.states);
    this.evict();
    const previous = this.inFlight;
    await previous;
    this.inFlight = this.transaction((sql) => write(prepared, sql));
    this.inFlight.catch(() => undefined); // reported by the next push or flush, not as unhandled
  }

  /** Waits for the last batch to commit. */
  flush(): Promise<void> {
    return this.inFlight;
  }

  private evict(): void {
    if (this.states.size <= this.maxCachedTickets) return;
    let excess = this.states.size - Math.floor(this.maxCachedTickets / 2);
    for (const id of this.states.keys()) {
      if (excess-- <= 0) break;
      this.states.delete(id);
      this.evicted.add(id);
    }
  }
}

function counterParameters(deltas: KpiDeltas): unknown[] | null {
  const rows = deltas.rows();
  if (rows.length === 0) return null;
  return [
    rows.map((r) => r.tenantId),
    rows.map((r) => r.day),
    rows.map((r) => r.dimension),
    rows.map((r) => r.value),
    ...MEASURES.map((_, i) => rows.map((r) => r.counters[i])),
  ];
}
