import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { KpiDaily, KpiTicket, buildKpiReport, renderReportCsv, renderReportHtml } from '@ticketing/feedback';
import { initializeReadModels, loadConfig, readModelDataSourceOptions } from '@ticketing/platform';

interface ReportOptions {
  from: string;
  to: string;
  tenant?: string;
  out: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(text: string, option: string): string {
  const parsed = Date.parse(`${text}T00:00:00.000Z`);
  if (!DAY.test(text) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== text) {
    throw new Error(`${option} must be a calendar day, YYYY-MM-DD (got "${text}")`);
  }
  return text;
}

/** The CSV goes next to the HTML: report.html → report.csv. */
export function csvPathFor(htmlPath: string): string {
  return /\.html?$/i.test(htmlPath) ? htmlPath.replace(/\.html?$/i, '.csv') : `${htmlPath}.csv`;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'Write a self-contained HTML report (inline SVG charts) and a CSV next to it from the KPI read models ' +
        '(run `ticketctl replay feedback.kpis` first to rebuild them from the log)',
    )
    .requiredOption('--from <day>', 'first UTC day included, YYYY-MM-DD')
    .requiredOption('--to <day>', 'first UTC day no longer included, YYYY-MM-DD')
    .option('--tenant <tenantId>', 'one tenant (default: every tenant with data in the period)')
    .option('--out <file>', 'HTML file to write; the CSV is written next to it', 'report.html')
    .action(async (options: ReportOptions) => {
      const from = day(options.from, '--from');
      const to = day(options.to, '--to');
      if (to <= from) throw new Error('--to must be after --from');
      const config = loadConfig();
      const dataSource = await initializeReadModels({ ...readModelDataSourceOptions(config.readModels), entities: [KpiDaily, KpiTicket] });
      try {
        const report = await buildKpiReport(dataSource, { from, to, tenantId: options.tenant });
        const csvPath = csvPathFor(options.out);
        writeFileSync(options.out, renderReportHtml(report));
        writeFileSync(csvPath, renderReportCsv(report));
        process.stdout.write(`wrote ${options.out} and ${csvPath} (${report.tenants.length} tenant(s), ${from} to ${to})\n`);
      } finally {
        await dataSource.destroy();
      }
    });
}
