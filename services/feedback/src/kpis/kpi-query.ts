import type { SqlRunner } from './kpi-batch';
import { DIMENSION_MEASURES, MEASURES, SLA_MEASURES, type Dimension, type Measure } from './kpi-measures';

export const TIME_BUCKETS = ['day', 'week', 'month'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export interface KpiQuery {
  tenantId: string;
  /** First day included (YYYY-MM-DD, UTC). */
  from: string;
  /** First day no longer included. */
  to: string;
  by: Dimension;
  bucket: TimeBucket;
}

export type Counters = Record<Measure, number>;

/** The KPIs of one bucket and dimension value; averages and rates are null when nothing was measured. */
export interface KpiValues {
  ticketsOpened: number;
  ticketsResolved: number;
  firstResponseTimeMs: number | null;
  nextResponseTimeMs: number | null;
  averageHandleTimeMs: number | null;
  resolutionTimeMs: number | null;
  firstContactResolutionRate: number | null;
  csat: number | null;
  averageRating: number | null;
  csatByDimension: Record<keyof typeof DIMENSION_MEASURES, number | null>;
  surveyResponseRate: number | null;
  complaintRate: number | null;
  slaCompliance: Record<keyof typeof SLA_MEASURES, number | null>;
  reopenRate: number | null;
  /** Open tickets at the end of the bucket (or at `to`, whichever is earlier). */
  backlog: number;
  backlogAverageAgeMs: number | null;
  collaborationTurnaroundMs: number | null;
  /** Accepted self-service answers ÷ self-service answers offered. */
  selfServiceDeflectionRate: number | null;
}

export interface KpiRow {
  bucket: string;
  value: string;
  kpis: KpiValues;
  counters: Counters;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** Turns counters into KPIs; `backlogAt` is the instant the backlog is measured at (epoch ms). */
export function kpisOf(c: Counters, backlog: { count: number; openedSecondsSum: number; atMs: number }): KpiValues {
  const slaCompliance = Object.fromEntries(
    Object.entries(SLA_MEASURES).map(([target, m]) => [target, ratio(c[m.met], c[m.met] + c[m.breached])]),
  ) as KpiValues['slaCompliance'];
  const csatByDimension = Object.fromEntries(
    Object.entries(DIMENSION_MEASURES).map(([dimension, m]) => [dimension, ratio(c[m.sum], c[m.n])]),
  ) as KpiValues['csatByDimension'];
  return {
    ticketsOpened: c.opened,
    ticketsResolved: c.resolved,
    firstResponseTimeMs: ratio(c.first_response_ms, c.first_response_n),
    nextResponseTimeMs: ratio(c.next_response_ms, c.next_response_n),
    averageHandleTimeMs: ratio(c.handle_ms, c.resolved),
    resolutionTimeMs: ratio(c.resolution_ms, c.resolved),
    firstContactResolutionRate: ratio(c.fcr, c.first_resolved),
    csat: ratio(c.satisfied, c.ratings),
    averageRating: ratio(c.rating_sum, c.ratings),
    csatByDimension,
    surveyResponseRate: ratio(c.ratings, c.surveys_sent),
    complaintRate: ratio(c.complaints, c.classified),
    slaCompliance,
    reopenRate: ratio(c.reopened, c.resolved),
    backlog: backlog.count,
    backlogAverageAgeMs:
      backlog.count === 0 ? null : ((backlog.count * Math.floor(backlog.atMs / 1000) - backlog.openedSecondsSum) * 1000) / backlog.count,
    collaborationTurnaroundMs: ratio(c.collaboration_ms, c.collaborations),
    selfServiceDeflectionRate: ratio(c.self_service_deflected, c.self_service_offered),
  };
}

/** Flattens nested KPIs to `slaCompliance.first_response` keys, leaving out the unmeasured (null) ones. */
export function flattenKpis(value: object, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    if (typeof v === 'object') Object.assign(out, flattenKpis(v as object, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = v as number;
  }
  return out;
}

export function emptyCounters(): Counters {
  return Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counters;
}

const SUMS = MEASURES.map((m) => `SUM("${m}")::float8 AS "${m}"`).join(', ');

/** Start of the bucket that follows `bucketStart` (UTC). */
export function nextBucket(bucketStart: string, bucket: TimeBucket): string {
  const d = new Date(`${bucketStart}T00:00:00.000Z`);
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The dashboard query: KPIs per time bucket and value of one dimension. Flows are summed per bucket;
 * the backlog, a stock, is the running sum of its flows from the beginning of the log.
 * Weeks start on Monday (ISO), as PostgreSQL's date_trunc has them.
 */
export async function queryKpis(sql: SqlRunner, q: KpiQuery): Promise<KpiRow[]> {
  const [flows, opening] = await Promise.all([
    sql.query(
      `SELECT to_char(date_trunc($5, day), 'YYYY-MM-DD') AS bucket, value, ${SUMS}
         FROM feedback.kpi_daily
        WHERE tenant_id = $1 AND dimension = $2 AND day >= $3::date AND day < $4::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [q.tenantId, q.by, q.from, q.to, q.bucket],
    ) as Promise<(Counters & { bucket: string; value: string })[]>,
    sql.query(
      `SELECT value, SUM(backlog)::float8 AS backlog, SUM(backlog_opened_s)::float8 AS backlog_opened_s
         FROM feedback.kpi_daily
        WHERE tenant_id = $1 AND dimension = $2 AND day < $3::date
        GROUP BY value`,
      [q.tenantId, q.by, q.from],
    ) as Promise<{ value: string; backlog: number; backlog_opened_s: number }[]>,
  ]);
  const running = new Map(opening.map((r) => [r.value, { count: Number(r.backlog), openedSecondsSum: Number(r.backlog_opened_s) }]));
  const byBucket = new Map<string, Map<string, Counters>>();
  for (const row of flows) {
    const counters = emptyCounters();
    for (const m of MEASURES) counters[m] = Number(row[m]);
    if (!byBucket.has(row.bucket)) byBucket.set(row.bucket, new Map());
    byBucket.get(row.bucket)!.set(row.value, counters);
  }
  const result: KpiRow[] = [];
  const buckets = [...byBucket.keys()].sort();
  for (const bucket of buckets) {
    const rows = byBucket.get(bucket)!;
    const end = minDay(nextBucket(bucket, q.bucket), q.to);
    for (const value of [...new Set([...rows.keys(), ...running.keys()])].sort()) {
      const counters = rows.get(value) ?? emptyCounters();
      const stock = running.get(value) ?? { count: 0, openedSecondsSum: 0 };
      stock.count += counters.backlog;
      stock.openedSecondsSum += counters.backlog_opened_s;
      running.set(value, stock);
      if (!rows.has(value) && stock.count === 0) continue;
      result.push({
        bucket,
        value,
        counters,
        kpis: kpisOf(counters, { ...stock, atMs: Date.parse(`${end}T00:00:00.000Z`) }),
      });
    }
  }
  return result;
}

const minDay = (a: string, b: string) => (a < b ? a : b);
