import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeService } from '@ticketing/knowledge';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';

const BIN = join(__dirname, '..', 'bin', 'ticketctl');
const SUPERVISOR = 'acme-super-key-00000001';

function ticketctl(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** `ticketctl kb import|export` against the knowledge service running on the embedded runtime. */
describe('ticketctl kb', () => {
  let dataDir: string;
  let runtime: Runtime;
  let running: RunningApp;
  let relay: { stop(): Promise<void> };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ticketctl-kb-'));
    runtime = await createRuntime(
      loadConfig({ DATA_DIR: dataDir, HTTP_PORT: '0', GRPC_PORT: '0', LOG_LEVEL: 'silent', API_KEYS: `${SUPERVISOR}:acme:supervisor:sup-1` }),
    );
    running = await startApp(runtime, [knowledgeService]);
    relay = startRelay(runtime);
  });
  afterAll(async () => {
    await relay?.stop();
    await running?.close();
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a JSONL file (bad lines reported, exit 1), then exports the articles', async () => {
    const file = join(dataDir, 'faq.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ externalId: 'faq-1', locale: 'en', title: 'Refund time', body: 'Five business days.', category: 'refund' }),
        JSON.stringify({ externalId: 'faq-2', locale: 'xx', title: 'Bad', body: 'b', category: 'refund' }),
      ].join('\n'),
    );
    const env = { TICKETING_URL: running.httpUrl, TICKETING_API_KEY: SUPERVISOR };
    const imported = await ticketctl(['kb', 'import', file], env);
    expect(imported.code).toBe(1);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ created: 1, errors: [{ line: 2, field: 'locale' }] });

    let lines: Array<{ externalId: string; status: string }> = [];
    for (let i = 0; i < 200 && lines.length === 0; i++) {
      const exported = await ticketctl(['kb', 'export', '--status', 'published'], env);
      expect(exported.code).toBe(0);
      lines = exported.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      if (lines.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lines).toEqual([expect.objectContaining({ externalId: 'faq-1', status: 'published' })]);

    const noKey = await ticketctl(['kb', 'export'], { TICKETING_URL: running.httpUrl, TICKETING_API_KEY: '' });
    expect(noKey.code).not.toBe(0);
    expect(noKey.stderr).toContain('API key');
  });
});
