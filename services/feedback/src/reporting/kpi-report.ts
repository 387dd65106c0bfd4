import type { SqlRunner } from '../kpis/kpi-batch';
import { MEASURES } from '../kpis/kpi-measures';
import { emptyCounters, flattenKpis, kpisOf, queryKpis, type Counters, type KpiRow, type KpiValues, type TimeBucket } from '../kpis/kpi-query';

/**
 * The operations report (`ticketctl report`): the dashboard query's numbers for a period, per tenant,
 * as the data behind an HTML page of charts and a CSV. Everything comes from queryKpis, so the report
 * says exactly what GET /kpis says for the same period.
 */
export interface ReportOptions {
  /** First UTC day included, YYYY-MM-DD. */
  from: string;
  /** First UTC day no longer included. */
  to: string;
  /** One tenant; by default every tenant with KPI data in the period. */
  tenantId?: string;
}

/** KPIs of one dimension value over the whole period. */
export interface ReportTotal {
  value: string;
  kpis: KpiValues;
  counters: Counters;
}

export interface TenantReport {
  tenantId: string;
  /** The trend's time bucket: days for up to 92 days, weeks up to two years, months beyond. */
  bucket: TimeBucket;
  trend: KpiRow[];
  total: ReportTotal;
  byChannel: ReportTotal[];
  byCategory: ReportTotal[];
  byGroup: ReportTotal[];
  /** Categories by tickets classified into them, most first (at most 10). A ticket is opened before it
   * is classified, so `opened` always counts under (unclassified); `classified` is the per-category count. */
  topCategories: ReportTotal[];
}

export interface KpiReport {
  from: string;
  to: string;
  generatedAt: string;
  tenants: TenantReport[];
}

const DAY_MS = 86_400_000;

export function trendBucket(from: string, to: string): TimeBucket {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  return days <= 92 ? 'day' : days <= 731 ? 'week' : 'month';
}

/**
 * Totals over the period per value: the flows of every month summed (they are additive counters);
 * the backlog, a stock, is the one at the end of the period.
 */
async function totals(sql: SqlRunner, tenantId: string, from: string, to: string, by: 'all' | 'channel' | 'category' | 'group'): Promise<ReportTotal[]> {
  const rows = await queryKpis(sql, { tenantId, from, to, by, bucket: 'month' });
  const lastBucket = rows.length === 0 ? '' : rows[rows.length - 1].bucket;
  const byValue = new Map<string, { counters: Counters; backlog: number; backlogAgeMs: number | null }>();
  for (const row of rows) {
    const entry = byValue.get(row.value) ?? { counters: emptyCounters(), backlog: 0, backlogAgeMs: null };
    for (const m of MEASURES) entry.counters[m] += row.counters[m];
    if (row.bucket === lastBucket) [entry.backlog, entry.backlogAgeMs] = [row.kpis.backlog, row.kpis.backlogAverageAgeMs];
    byValue.set(row.value, entry);
  }
  return [...byValue.entries()].map(([value, { counters, backlog, backlogAgeMs }]) => {
    const kpis = kpisOf(counters, { count: 0, openedSecondsSum: 0, atMs: 0 });
    return { value, counters, kpis: { ...kpis, backlog, backlogAverageAgeMs: backlogAgeMs } };
  });
}

export async function buildKpiReport(sql: SqlRunner, options: ReportOptions, now = new Date()): Promise<KpiReport> {
  const tenantIds = options.tenantId
    ? [options.tenantId]
    : ((await sql.query('SELECT DISTINCT tenant_id FROM feedback.kpi_daily WHERE day >= $1::date AND day < $2::date ORDER BY 1', [
        options.from,
        options.to,
      ])) as { tenant_id: string }[]).map((r) => r.tenant_id);
  const bucket = trendBucket(options.from, options.to);
  const tenants: TenantReport[] = [];
  for (const tenantId of tenantIds) {
    // One query at a time: embedded PGlite has a single session, and a report is not latency-bound.
    const trend = await queryKpis(sql, { tenantId, from: options.from, to: options.to, by: 'all', bucket });
    const [total] = await totals(sql, tenantId, options.from, options.to, 'all');
    const byChannel = await totals(sql, tenantId, options.from, options.to, 'channel');
    const byCategory = await totals(sql, tenantId, options.from, options.to, 'category');
    const byGroup = await totals(sql, tenantId, options.from, options.to, 'group');
    const topCategories = [...byCategory]
      .filter((c) => c.counters.classified > 0)
      .sort((a, b) => b.counters.classified - a.counters.classified || (a.value < b.value ? -1 : 1))
      .slice(0, 10);
    tenants.push({
      tenantId,
      bucket,
      trend,
      total: total ?? { value: '', counters: emptyCounters(), kpis: kpisOf(emptyCounters(), { count: 0, openedSecondsSum: 0, atMs: 0 }) },
      byChannel,
      byCategory,
      byGroup,
      topCategories,
    });
  }
  return { from: options.from, to: options.to, generatedAt: now.toISOString(), tenants };
}

// ---------------------------------------------------------------------------------------------- CSV

/** The KPI columns of the CSV, in a fixed order (flattened like the gRPC answer). */
export const CSV_KPI_COLUMNS = Object.keys(flattenKpis(kpisOf(fullCounters(), { count: 1, openedSecondsSum: 0, atMs: 0 }), ''));

function fullCounters(): Counters {
  const c = emptyCounters();
  for (const m of MEASURES) c[m] = 1;
  return c;
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One row per tenant, section and value: `trend` rows per time bucket, `total`, `channel`,
 * `category` and `group` rows over the whole period. Unmeasured KPIs are empty cells.
 */
export function renderReportCsv(report: KpiReport): string {
  const header = ['tenant', 'section', 'period_start', 'period_end', 'value', ...CSV_KPI_COLUMNS];
  const lines = [header.join(',')];
  const line = (tenant: string, section: string, start: string, end: string, value: string, kpis: KpiValues) => {
    const flat = flattenKpis(kpis);
    lines.push([tenant, section, start, end, value, ...CSV_KPI_COLUMNS.map((k) => flat[k] ?? null)].map(csvCell).join(','));
  };
  for (const t of report.tenants) {
    for (const row of t.trend) line(t.tenantId, 'trend', row.bucket, '', row.value, row.kpis);
    line(t.tenantId, 'total', report.from, report.to, '', t.total.kpis);
    for (const [section, list] of [['channel', t.byChannel], ['category', t.byCategory], ['group', t.byGroup]] as const) {
      for (const r of list) line(t.tenantId, section, report.from, report.to, r.value, r.kpis);
    }
  }
  return lines.join('\n') + '\n';
}

// --------------------------------------------------------------------------------------------- HTML

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const minutes = (ms: number | null) => (ms === null ? '–' : `${(ms / 60_000).toFixed(1)} min`);
const hours = (ms: number | null) => (ms === null ? '–' : `${(ms / 3_600_000).toFixed(1)} h`);
const num = (v: number | null, digits = 2) => (v === null ? '–' : v.toFixed(digits));

interface Series {
  name: string;
  values: (number | null)[];
}

/** A line chart over labelled x positions; gaps where a value is null. */
export function lineChart(title: string, labels: string[], series: Series[], format: (v: number) => string): string {
  const [w, h, left, bottom, top] = [720, 240, 56, 28, 24];
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-9, ...all);
  const x = (i: number) => left + (labels.length <= 1 ? 0 : (i * (w - left - 10)) / (labels.length - 1));
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const paths = series.map((s, k) => {
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d === '' || s.values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    });
    const points = s.values
      .map((v, i) => (v === null ? '' : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${s.name} ${labels[i]}: ${format(v)}`)}</title></circle>`))
      .join('');
    return `<path d="${d.trim()}" fill="none" stroke="${PALETTE[k % PALETTE.length]}" stroke-width="2"/>${points}`;
  });
  const step = Math.max(1, Math.ceil(labels.length / 8));
  const xTicks = labels
    .map((l, i) => (i % step === 0 ? `<text x="${x(i).toFixed(1)}" y="${h - 8}" font-size="10" text-anchor="middle">${esc(l.slice(5))}</text>` : ''))
    .join('');
  const yTicks = [0, 0.5, 1]
    .map((f) => `<text x="${left - 6}" y="${(y(max * f) + 3).toFixed(1)}" font-size="10" text-anchor="end">${esc(format(max * f))}</text><line x1="${left}" x2="${w - 10}" y1="${y(max * f).toFixed(1)}" y2="${y(max * f).toFixed(1)}" stroke="#e5e7eb"/>`)
    .join('');
  const legend = series
    .map((s, k) => `<tspan fill="${PALETTE[k % PALETTE.length]}" dx="${k === 0 ? 0 : 14}">■ ${esc(s.name)}</tspan>`)
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" data-chart="line">${yTicks}${xTicks}${paths.join('')}<text x="${left}" y="14" font-size="11">${legend}</text></svg></figure>`;
}

/** Horizontal bars, one per item, labelled with the formatted value. */
export function barChart(title: string, items: { label: string; value: number | null }[], format: (v: number | null) => string): string {
  const [w, rowH, labelW] = [720, 22, 180];
  const h = Math.max(1, items.length) * rowH + 8;
  const max = Math.max(1e-9, ...items.map((i) => i.value ?? 0));
  const bars = items
    .map((item, i) => {
      const width = item.value === null ? 0 : ((w - labelW - 90) * item.value) / max;
      const yy = 4 + i * rowH;
      return (
        `<text x="${labelW - 6}" y="${yy + 14}" font-size="11" text-anchor="end">${esc(item.label)}</text>` +
        `<rect x="${labelW}" y="${yy + 3}" width="${width.toFixed(1)}" height="${rowH - 6}" fill="${PALETTE[0]}"><title>${esc(`${item.label}: ${format(item.value)}`)}</title></rect>` +
        `<text x="${(labelW + width + 4).toFixed(1)}" y="${yy + 14}" font-size="11">${esc(format(item.value))}</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" data-chart="bar">${bars}</svg></figure>`;
}

function table(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const SLA_LABELS = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' } as const;
const DIMENSION_LABELS = { attitude: 'Service attitude', responseSpeed: 'Response speed', problemSolved: 'Problem solved', expertise: 'Agent expertise' } as const;

function tenantSection(t: TenantReport): string {
  const k = t.total.kpis;
  const labels = t.trend.map((r) => r.bucket);
  const cards = [
    ['Tickets opened', String(k.ticketsOpened)],
    ['Tickets resolved', String(k.ticketsResolved)],
    ['First response time', minutes(k.firstResponseTimeMs)],
    ['Resolution time', hours(k.resolutionTimeMs)],
    ['CSAT', pct(k.csat)],
    ['First-contact resolution', pct(k.firstContactResolutionRate)],
    ['Complaint rate', pct(k.complaintRate)],
    ['Reopen rate', pct(k.reopenRate)],
    ['Self-service deflection', pct(k.selfServiceDeflectionRate)],
    ['Backlog at end', String(k.backlog)],
  ];
  const values = (pick: (v: KpiValues) => number | null) => t.trend.map((r) => pick(r.kpis));
  return `<section id="tenant-${esc(t.tenantId)}">
<h2>Tenant ${esc(t.tenantId)}</h2>
<div class="cards">${cards.map(([label, value]) => `<div class="card"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div></div>`).join('')}</div>
<h3>Trends (per ${t.bucket})</h3>
${lineChart('Tickets opened and resolved', labels, [
  { name: 'opened', values: values((v) => v.ticketsOpened) },
  { name: 'resolved', values: values((v) => v.ticketsResolved) },
  { name: 'backlog', values: values((v) => v.backlog) },
], (v) => v.toFixed(0))}
${lineChart('CSAT and SLA compliance', labels, [
  { name: 'CSAT', values: values((v) => v.csat) },
  { name: 'SLA first response', values: values((v) => v.slaCompliance.first_response) },
  { name: 'SLA resolution', values: values((v) => v.slaCompliance.resolution) },
], (v) => pct(v))}
${lineChart('First response time (minutes)', labels, [{ name: 'first response', values: values((v) => (v.firstResponseTimeMs === null ? null : v.firstResponseTimeMs / 60_000)) }], (v) => v.toFixed(1))}
<h3>Distribution by channel</h3>
${barChart('Tickets opened by channel', t.byChannel.map((c) => ({ label: c.value, value: c.kpis.ticketsOpened })), (v) => String(v ?? 0))}
${barChart('CSAT by channel', t.byChannel.map((c) => ({ label: c.value, value: c.kpis.csat })), pct)}
<h3>Distribution by category</h3>
${barChart('Tickets classified per category', t.byCategory.filter((c) => c.counters.classified > 0).map((c) => ({ label: c.value, value: c.counters.classified })), (v) => String(v ?? 0))}
${barChart('Tickets resolved per category', t.byCategory.map((c) => ({ label: c.value, value: c.kpis.ticketsResolved })), (v) => String(v ?? 0))}
<h3>SLA compliance</h3>
${barChart('SLA compliance per target', Object.entries(SLA_LABELS).map(([target, label]) => ({ label, value: k.slaCompliance[target as keyof typeof SLA_LABELS] })), pct)}
${table(['channel', ...Object.values(SLA_LABELS)], t.byChannel.map((c) => [c.value, ...Object.keys(SLA_LABELS).map((target) => pct(c.kpis.slaCompliance[target as keyof typeof SLA_LABELS]))]))}
<h3>CSAT by dimension</h3>
${barChart('Average rating per dimension (1–5)', Object.entries(DIMENSION_LABELS).map(([d, label]) => ({ label, value: k.csatByDimension[d as keyof typeof DIMENSION_LABELS] })), (v) => num(v))}
${table(['channel', 'CSAT', 'average rating', ...Object.values(DIMENSION_LABELS)], t.byChannel.map((c) => [c.value, pct(c.kpis.csat), num(c.kpis.averageRating), ...Object.keys(DIMENSION_LABELS).map((d) => num(c.kpis.csatByDimension[d as keyof typeof DIMENSION_LABELS]))]))}
<h3>Top problem categories</h3>
${barChart('Top problem categories (tickets)', t.topCategories.map((c) => ({ label: c.value, value: c.counters.classified })), (v) => String(v ?? 0))}
${table(['category', 'tickets', 'complaint rate', 'CSAT', 'resolution time', 'reopen rate'], t.topCategories.map((c) => [c.value, String(c.counters.classified), pct(c.kpis.complaintRate), pct(c.kpis.csat), hours(c.kpis.resolutionTimeMs), pct(c.kpis.reopenRate)]))}
</section>`;
}

/** One self-contained page: inline CSS and SVG, no scripts to run, no external assets. */
export function renderReportHtml(report: KpiReport): string {
  const data = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Customer service report ${esc(report.from)} – ${esc(report.to)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111827;max-width:760px}
h1{font-size:1.4rem}h2{border-bottom:2px solid #e5e7eb;padding-bottom:.3rem;margin-top:2.5rem}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:.5rem}.card{border:1px solid #e5e7eb;border-radius:6px;padding:.5rem}
.card .label{font-size:.75rem;color:#6b7280}.card .value{font-size:1.1rem;font-weight:600}
figure{margin:1rem 0}figcaption{font-weight:600;font-size:.9rem;margin-bottom:.3rem}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}td,th{border:1px solid #e5e7eb;padding:.2rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}
</style>
</head>
<body>
<h1>Customer service report</h1>
<p>Period ${esc(report.from)} (included) to ${esc(report.to)} (excluded), UTC. Generated ${esc(report.generatedAt)} from the KPI read models; definitions in docs/kpi-definitions.md.</p>
${report.tenants.length === 0 ? '<p>No KPI data in this period.</p>' : report.tenants.map(tenantSection).join('\n')}
<script type="application/json" id="report-data">${data}</script>
</body>
</html>
`;
}

/** Reads the CSV back (RFC 4180 quoting): for tests and for anyone checking a report by script. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') [cell, i] = [cell + '"', i + 1];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') [row, cell] = [[...row, cell], ''];
    else if (c === '\n') {
      rows.push([...row, cell]);
      [row, cell] = [[], ''];
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
