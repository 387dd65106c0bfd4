import { initializeReadModels, readModelDataSourceOptions } from '@ticketing/platform';
import type { DataSource } from 'typeorm';
import { KpiRebuild } from '../kpis/kpi-batch';
import { flattenKpis, queryKpis } from '../kpis/kpi-query';
import { KpiDaily, KpiTicket } from '../kpis/kpi.entities';
import { generateTicketMonth } from '../kpis/testing/ticket-month.generator';
import { CSV_KPI_COLUMNS, buildKpiReport, parseCsv, renderReportCsv, renderReportHtml, trendBucket } from './kpi-report';

const MONTH = '2025-03-01T00:00:00.000Z';

describe('KPI report (HTML with inline SVG charts, CSV) from the KPI read models', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await initializeReadModels({ ...readModelDataSourceOptions({ kind: 'pglite', dataDir: 'memory://' }), entities: [KpiDaily, KpiTicket] });
    const rebuild = new KpiRebuild((work) => dataSource.transaction((manager) => work(manager)));
    const log = [...generateTicketMonth({ seed: 5, tenants: ['shop-a', 'shop-b'], ticketsPerTenant: 250, monthStart: MONTH })];
    for (let i = 0; i < log.length; i += 2_000) await rebuild.push(log.slice(i, i + 2_000));
    await rebuild.flush();
  });
  afterAll(() => dataSource?.destroy());

  it('holds, per tenant, exactly what the dashboard query answers for the period', async () => {
    const report = await buildKpiReport(dataSource, { from: '2025-03-01', to: '2025-04-01' });
    expect(report.tenants.map((t) => t.tenantId)).toEqual(['shop-a', 'shop-b']);
    const a = report.tenants[0];
    expect(a.bucket).toBe('day');
    expect(a.trend).toEqual(await queryKpis(dataSource, { tenantId: 'shop-a', from: '2025-03-01', to: '2025-04-01', by: 'all', bucket: 'day' }));
    // One month: the totals over the period are the month rows of the dashboard query.
    for (const by of ['channel', 'category', 'group'] as const) {
      const month = await queryKpis(dataSource, { tenantId: 'shop-a', from: '2025-03-01', to: '2025-04-01', by, bucket: 'month' });
      const section = by === 'channel' ? a.byChannel : by === 'category' ? a.byCategory : a.byGroup;
      expect(new Map(section.map((r) => [r.value, r.kpis]))).toEqual(new Map(month.map((r) => [r.value, r.kpis])));
    }
    const [all] = await queryKpis(dataSource, { tenantId: 'shop-a', from: '2025-03-01', to: '2025-04-01', by: 'all', bucket: 'month' });
    expect(a.total.kpis).toEqual(all.kpis);
    expect(a.total.kpis.ticketsOpened).toBe(250);
    expect(a.topCategories.length).toBeGreaterThan(3);
    const sizes = a.topCategories.map((c) => c.counters.classified);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    expect(a.topCategories.map((c) => c.value)).not.toContain('(unclassified)');
  });

  it('sums the months of a longer period, and keeps the backlog of its end', async () => {
    const [month] = (await buildKpiReport(dataSource, { from: '2025-03-01', to: '2025-04-01', tenantId: 'shop-b' })).tenants;
    const [longer] = (await buildKpiReport(dataSource, { from: '2025-02-01', to: '2025-05-01', tenantId: 'shop-b' })).tenants;
    const [april] = await queryKpis(dataSource, { tenantId: 'shop-b', from: '2025-04-01', to: '2025-05-01', by: 'all', bucket: 'month' });
    expect(longer.total.counters.opened).toBe(month.total.counters.opened);
    expect(longer.total.counters.resolved).toBe(month.total.counters.resolved + (april?.counters.resolved ?? 0));
    expect(longer.total.kpis.backlog).toBe(april ? april.kpis.backlog : month.total.kpis.backlog);
    expect(longer.bucket).toBe('day');
    expect(trendBucket('2025-01-01', '2025-12-31')).toBe('week');
    expect(trendBucket('2020-01-01', '2025-01-01')).toBe('month');
  });

  it('renders a self-contained page: inline SVG charts carrying the numbers, no external assets', async () => {
    const report = await buildKpiReport(dataSource, { from: '2025-03-01', to: '2025-04-01', tenantId: 'shop-a' });
    const html = renderReportHtml(report);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(html.match(/data-chart="line"/g)?.length).toBe(3);
    for (const title of ['Tickets opened by channel', 'Tickets classified per category', 'SLA compliance per target', 'Average rating per dimension', 'Top problem categories']) {
      expect(html).toContain(title);
    }
    const a = report.tenants[0];
    // The bars are labelled with the very numbers of the report.
    for (const channel of a.byChannel) expect(html).toContain(`<title>${channel.value}: ${channel.kpis.ticketsOpened}</title>`);
    const embedded = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(embedded.tenants[0].total.kpis).toEqual(JSON.parse(JSON.stringify(a.total.kpis)));
  });

  it('writes a CSV that parses back to the report numbers', async () => {
    const report = await buildKpiReport(dataSource, { from: '2025-03-01', to: '2025-04-01' });
    const rows = parseCsv(renderReportCsv(report));
    const [header, ...body] = rows;
    expect(header).toEqual(['tenant', 'section', 'period_start', 'period_end', 'value', ...CSV_KPI_COLUMNS]);
    expect(body.every((r) => r.length === header.length)).toBe(true);
    const record = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i]]));
    for (const tenant of report.tenants) {
      const total = body.map(record).find((r) => r.tenant === tenant.tenantId && r.section === 'total')!;
      const flat = flattenKpis(tenant.total.kpis);
      for (const column of CSV_KPI_COLUMNS) expect(total[column] === '' ? undefined : Number(total[column])).toBe(flat[column]);
      const channels = body.map(record).filter((r) => r.tenant === tenant.tenantId && r.section === 'channel');
      expect(channels.map((r) => [r.value, Number(r.ticketsOpened)])).toEqual(tenant.byChannel.map((c) => [c.value, c.kpis.ticketsOpened]));
      expect(body.map(record).filter((r) => r.tenant === tenant.tenantId && r.section === 'trend')).toHaveLength(tenant.trend.length);
    }
    expect(parseCsv('a,"b,""c"""\n1,\n')).toEqual([['a', 'b,"c"'], ['1', '']]);
  });

  it('says so when the period has no data', async () => {
    const report = await buildKpiReport(dataSource, { from: '2030-01-01', to: '2030-02-01' });
    expect(report.tenants).toEqual([]);
    expect(renderReportHtml(report)).toContain('No KPI data in this period.');
    expect(parseCsv(renderReportCsv(report))).toHaveLength(1);
  });
});
