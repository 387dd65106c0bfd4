/*
 * npm run bench:kpi — projects 1,000,000 generated ticket events into the KPI read model through the
 * pipelined rebuild path (KpiRebuild: fold a page in memory while the previous page is written, one
 * upsert for ticket states, one for counters) and times the
 * month-by-channel dashboard query. Read models in PostgreSQL (127.0.0.1, a fresh database) when it
 * answers, otherwise embedded PGlite. Never part of the tests; the last line is one JSON object.
 */
import 'reflect-metadata';
import { createTestPostgresDatabase, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { initializeReadModels, readModelDataSourceOptions, type ReadModelConfig } from '@ticketing/platform';
import type { EventEnvelope } from '@ticketing/contracts';
import { KpiRebuild } from '../src/kpis/kpi-batch';
import { queryKpis } from '../src/kpis/kpi-query';
import { KpiDaily, KpiTicket } from '../src/kpis/kpi.entities';
import { generateTicketMonth } from '../src/kpis/testing/ticket-month.generator';

const EVENTS = Number(process.env['KPI_BENCH_EVENTS'] ?? 1_000_000);
const BATCH = Number(process.env['KPI_BENCH_BATCH'] ?? 50_000);
const QUERIES = 300;
const TENANTS = ['shop-1', 'shop-2', 'shop-3', 'shop-4'];
const TARGET_EPS = 50_000;
const TARGET_P99_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  let database: TestPostgresDatabase | undefined;
  let config: ReadModelConfig;
  const postgres = postgresAvailability();
  if (postgres.available) {
    database = await createTestPostgresDatabase('kpi_bench');
    config = { kind: 'postgres', url: database.url };
  } else {
    console.log(`PostgreSQL not available (${postgres.reason}); read models in embedded PGlite`);
    config = { kind: 'pglite', dataDir: 'memory://' };
  }
  const backend = config.kind === 'postgres' ? 'postgresql' : 'pglite';

  process.stdout.write(`generating ${EVENTS.toLocaleString('en')} ticket events with the ticket decider… `);
  let started = Date.now();
  const log: EventEnvelope[] = [];
  // ~14.5 events per ticket: generate a little more than needed and keep the first EVENTS in log order.
  const ticketsPerTenant = Math.ceil(EVENTS / 14 / TENANTS.length);
  for (const event of generateTicketMonth({ seed: 1, tenants: TENANTS, ticketsPerTenant, monthStart: '2025-03-01T00:00:00.000Z' })) {
    if (log.length === EVENTS) break;
    log.push(event);
  }
  console.log(`${log.length.toLocaleString('en')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const dataSource = await initializeReadModels({ ...readModelDataSourceOptions(config), entities: [KpiDaily, KpiTicket] });
  try {
    started = performance.now();
    // A rebuild into the empty read model: states stay in memory, batch N+1 folds while N is written.
    const rebuild = new KpiRebuild((work) => dataSource.transaction((manager) => work(manager)));
    for (let i = 0; i < log.length; i += BATCH) await rebuild.push(log.slice(i, i + BATCH));
    await rebuild.flush();
    const projectionSeconds = (performance.now() - started) / 1000;
    const eps = Math.round(log.length / projectionSeconds);
    const [{ rows }] = (await dataSource.query('SELECT count(*)::int AS rows FROM feedback.kpi_daily')) as { rows: number }[];

    const query = (tenantId: string) => queryKpis(dataSource, { tenantId, by: 'channel', bucket: 'month', from: '2025-03-01', to: '2025-04-01' });
    for (const tenant of TENANTS) await query(tenant); // warm-up
    const timings: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      const result = await query(TENANTS[i % TENANTS.length]);
      timings.push(performance.now() - t0);
      if (result.length === 0) throw new Error('the dashboard query found nothing: the projection wrote no counters');
    }
    timings.sort((a, b) => a - b);
    const p50 = percentile(timings, 50);
    const p99 = percentile(timings, 99);

    const sample = (await query(TENANTS[0])).map((r) => `${r.value}: csat ${r.kpis.csat?.toFixed(3)}, FRT ${((r.kpis.firstResponseTimeMs ?? 0) / 60_000).toFixed(1)} min`);
    console.log(`\nread models: ${backend}, batch ${BATCH.toLocaleString('en')} events, ${rows.toLocaleString('en')} counter rows`);
    console.log(`sample (${TENANTS[0]}, March by channel): ${sample.join('; ')}`);
    console.log('');
    console.log('measure                          result        target     ');
    console.log(`KPI projection (events/s)        ${String(eps).padEnd(13)} ≥ ${TARGET_EPS}   ${eps >= TARGET_EPS ? 'met' : 'MISSED'}`);
    console.log(`dashboard month×channel p99 (ms) ${p99.toFixed(2).padEnd(13)} < ${TARGET_P99_MS}      ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`);
    console.log(`dashboard month×channel p50 (ms) ${p50.toFixed(2)}`);
    console.log(
      JSON.stringify({
        kpi_projection_eps: eps,
        dashboard_p99_ms: Number(p99.toFixed(2)),
        dashboard_p50_ms: Number(p50.toFixed(2)),
        events: log.length,
        batch_size: BATCH,
        read_models: backend,
        projection_seconds: Number(projectionSeconds.toFixed(2)),
      }),
    );
  } finally {
    await dataSource.destroy();
    await database?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
