import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KpiDaily, KpiRebuild, KpiTicket, queryKpis } from '@ticketing/feedback';
import { generateTicketMonth } from '@ticketing/feedback/testing';
import { initializeReadModels, loadConfig, readModelDataSourceOptions } from '@ticketing/platform';
import { csvPathFor } from './report.command';

const BIN = join(__dirname, '..', '..', 'bin', 'ticketctl');

function ticketctl(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const readModelsOf = (env: Record<string, string>) =>
  initializeReadModels({ ...readModelDataSourceOptions(loadConfig(env).readModels), entities: [KpiDaily, KpiTicket] });

/** `ticketctl report` against the KPI read models of a real embedded data directory. */
describe('ticketctl report', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketctl-report-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

  beforeAll(async () => {
    const dataSource = await readModelsOf(env);
    try {
      const rebuild = new KpiRebuild((work) => dataSource.transaction((manager) => work(manager)));
      const log = [...generateTicketMonth({ seed: 3, tenants: ['shop-a', 'shop-b'], ticketsPerTenant: 80, monthStart: '2025-03-01T00:00:00.000Z' })];
      await rebuild.push(log);
      await rebuild.flush();
    } finally {
      await dataSource.destroy();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the HTML with its charts and a CSV next to it whose numbers are the KPI query', async () => {
    const out = join(dataDir, 'march.html');
    const run = await ticketctl(['report', '--from', '2025-03-01', '--to', '2025-04-01', '--tenant', 'shop-a', '--out', out], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out} and ${join(dataDir, 'march.csv')} (1 tenant(s)`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg ');
    expect(html).toContain('Tenant shop-a');
    expect(html).not.toContain('Tenant shop-b');

    const dataSource = await readModelsOf(env);
    try {
      const channels = await queryKpis(dataSource, { tenantId: 'shop-a', from: '2025-03-01', to: '2025-04-01', by: 'channel', bucket: 'month' });
      const lines = readFileSync(csvPathFor(out), 'utf8').trim().split('\n');
      const header = lines[0].split(',');
      const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
      const csvChannels = rows.filter((r) => r['section'] === 'channel');
      expect(csvChannels.map((r) => [r['value'], Number(r['ticketsOpened']), r['csat'] === '' ? null : Number(r['csat'])])).toEqual(
        channels.map((c) => [c.value, c.kpis.ticketsOpened, c.kpis.csat]),
      );
      expect(new Set(rows.map((r) => r['tenant']))).toEqual(new Set(['shop-a']));
    } finally {
      await dataSource.destroy();
    }
  });

  it('covers every tenant without --tenant, and refuses a bad period naming the option', async () => {
    const out = join(dataDir, 'all');
    const run = await ticketctl(['report', '--from', '2025-03-01', '--to', '2025-04-01', '--out', out], env);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Tenant shop-b');
    expect(existsSync(`${out}.csv`)).toBe(true);
    const bad = await ticketctl(['report', '--from', '2025-02-30', '--to', '2025-04-01', '--out', join(dataDir, 'x.html')], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--from must be a calendar day');
    expect(existsSync(join(dataDir, 'x.html'))).toBe(false);
  });
});
