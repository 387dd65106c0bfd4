import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createRuntime, loadConfig, startApp, startRelay } from '@ticketing/platform';
import { ALL_SERVICES } from './services';
import { eventually, freePort } from './testing/embedded-app';

const BIN = join(__dirname, '..', 'bin', 'ticketctl');
const SUPERVISOR = 'demo-supervisor-key-00001';
const CUSTOMER = 'demo-customer-key-0000001';
const AGENT = 'demo-agent-key-00000000001';

function ticketctl(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/**
 * The analysts' and operators' commands against a real embedded data directory: a platform run
 * writes tickets, stops, and then ticketctl reads the same PGlite files.
 */
describe('ticketctl commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketctl-cli-'));
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    API_KEYS: `${SUPERVISOR}:demo:supervisor:sup-1,${CUSTOMER}:demo:customer:cust-1,${AGENT}:demo:agent:agent-1`,
  };
  let ticketId: string;

  beforeAll(async () => {
    const config = loadConfig({ ...env, HTTP_PORT: '0', GRPC_PORT: String(await freePort()) });
    const runtime = await createRuntime(config);
    const app = await startApp(runtime, ALL_SERVICES);
    const relay = startRelay(runtime);
    const http = request(app.httpUrl);
    await http.post('/agents').set('X-Api-Key', SUPERVISOR).send({ agentId: 'agent-1', name: 'A', skills: [], languages: [], capacity: 3 }).expect(201);
    await http.put('/agents/agent-1/presence').set('X-Api-Key', AGENT).send({ presence: 'online' }).expect(200);
    await eventually(async () => ((await http.get('/agents').set('X-Api-Key', SUPERVISOR)).body.agents?.[0]?.presence === 'online' ? true : undefined));
    for (let i = 0; i < 3; i++) {
      const { body } = await http
        .post('/tickets')
        .set('X-Api-Key', CUSTOMER)
        .send({ channel: 'webform', customerHandle: `c${i}@example.com`, subject: `Question ${i}`, text: 'hello' })
        .expect(201);
      ticketId = body.ticketId;
    }
    await eventually(async () => ((await http.get(`/tickets/${ticketId}`).set('X-Api-Key', AGENT)).body.state?.assigneeId ? true : undefined));
    await eventually(async () => ((await http.get('/tickets').set('X-Api-Key', SUPERVISOR)).body.total === 3 ? true : undefined));
    await relay.stop();
    await app.close();
    await runtime.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ticket show: state and history now and as of a revision', async () => {
    const now = await ticketctl(['ticket', 'show', ticketId, '--json'], env);
    expect(now.code).toBe(0);
    const current = JSON.parse(now.stdout);
    expect(current.state.assigneeId).toBe('agent-1');
    // Intake's classification runs beside routing, in either order.
    const routed = current.history.filter((e: { type: string }) => e.type !== 'TicketClassified');
    expect(routed.map((e: { type: string }) => e.type)).toEqual(['TicketOpened', 'TicketQueued', 'SlaClockStarted', 'SlaClockStarted', 'TicketAssigned']);

    const then = JSON.parse((await ticketctl(['ticket', 'show', ticketId, '--as-of', '0', '--json'], env)).stdout);
    expect(then.revision).toBe(0);
    expect(then.state.assigneeId).toBeNull();
    expect(then.state.status).toBe('new');

    const beforeAll = await ticketctl(['ticket', 'show', ticketId, '--as-of', '2000-01-01T00:00:00Z', '--json'], env);
    expect(JSON.parse(beforeAll.stdout).history).toEqual([]);
  });

  it('export: one stream, a category, or the log after a position', async () => {
    const stream = await ticketctl(['export', '--stream', `ticket-${ticketId}`], env);
    const streamLines = stream.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // Opened, queued, two SLA clocks, assigned (+ classified, when intake got to it first).
    expect(streamLines.length).toBeGreaterThanOrEqual(5);
    expect(streamLines.map((e) => e.streamPosition)).toEqual(streamLines.map((_, i) => i));

    const outFile = join(dataDir, 'tickets.jsonl');
    const category = await ticketctl(['export', '--category', 'ticket', '--out', outFile], env);
    const all = readFileSync(outFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(category.stderr).toContain(`exported ${all.length} events`);
    expect(new Set(all.map((e) => e.streamId)).size).toBe(3);

    const { commit, prepare } = all[4].logPosition;
    const after = await ticketctl(['export', '--category', 'ticket', '--after', `${commit}/${prepare}`], env);
    expect(after.stdout.trim().split('\n').map((l) => JSON.parse(l).eventId)).toEqual(all.slice(5).map((e) => e.eventId));

    const bad = await ticketctl(['export', '--after', 'yesterday'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--after must be commit/prepare');
  });

  it('replay: rebuilds a read model from the log', async () => {
    const replay = await ticketctl(['replay', 'intake.ticket-list'], env);
    const events = (await ticketctl(['export', '--category', 'ticket'], env)).stdout.trim().split('\n').length;
    expect(replay.stdout).toContain(`replayed ${events} events through intake.ticket-list`);
    const unknown = await ticketctl(['replay', 'nope'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown projection "nope"');
  });

  it('refuses a bad configuration naming the variable', async () => {
    const result = await ticketctl(['export'], { ...env, EVENT_STORE: 'mongodb' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('EVENT_STORE must be one of pglite, postgres, esdb');
  });
});
