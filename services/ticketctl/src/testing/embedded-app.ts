import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, loadConfig, startApp, startRelay, type RunningApp, type Runtime } from '@ticketing/platform';
import { freePort } from '@ticketing/eventstore/testing';
import { ALL_SERVICES } from '../services';

export { freePort };

export const KEYS = {
  acmeSupervisor: 'acme-supervisor-key-000001',
  acmeAgent: 'acme-agent-key-0000000001',
  acmeCustomer: 'acme-customer-key-000001',
  acmeAnalyst: 'acme-analyst-key-0000001',
  globexAdmin: 'globex-admin-key-0000001',
  globexAgent: 'globex-agent-key-0000001',
};

export interface EmbeddedApp {
  running: RunningApp;
  runtime: Runtime;
  grpcAddress: string;
  stop(): Promise<void>;
}

/** The embedded runtime exactly as `ticketctl up` starts it, on a throw-away data directory. */
export async function startEmbeddedApp(): Promise<EmbeddedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketing-e2e-'));
  const grpcPort = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    HTTP_PORT: '0',
    GRPC_PORT: String(grpcPort),
    LOG_LEVEL: 'silent',
    API_KEYS: [
      `${KEYS.acmeSupervisor}:acme:supervisor:sup-1`,
      `${KEYS.acmeAgent}:acme:agent:agent-1`,
      `${KEYS.acmeCustomer}:acme:customer:cust-1`,
      `${KEYS.acmeAnalyst}:acme:analyst:analyst-1`,
      `${KEYS.globexAdmin}:globex:admin:admin-9`,
      `${KEYS.globexAgent}:globex:agent:agent-1`,
    ].join(','),
  });
  const runtime = await createRuntime(config);
  const running = await startApp(runtime, ALL_SERVICES);
  const relay = startRelay(runtime);
  return {
    running,
    runtime,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    stop: async () => {
      await relay.stop();
      await running.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value, failing with the last error after the deadline. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
