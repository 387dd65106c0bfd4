import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamId, type Actor, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand } from '@ticketing/eventstore';
import { createRuntime, loadConfig, startApp, startRelay, validateNewEvent, type RunningApp, type Runtime } from '@ticketing/platform';
import { ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import { freePort } from '@ticketing/eventstore/testing';
import { intakeService } from '../index';

export const INTAKE_KEYS = {
  customer: 'acme-customer-key-000001',
  agent: 'acme-agent-key-0000000001',
  supervisor: 'acme-supervisor-key-000001',
  otherAgent: 'globex-agent-key-0000001',
  otherCustomer: 'globex-customer-key-00001',
  admin: 'acme-admin-key-00000000001',
  otherAdmin: 'globex-admin-key-000000001',
};

export interface IntakeApp {
  running: RunningApp;
  runtime: Runtime;
  grpcAddress: string;
  dataDir: string;
  /** Runs a ticket command as another service would (resolution replying, resolving, …). */
  command(ticketId: string, command: Omit<TicketCommand, 'ticketId' | 'metadata'>, options?: { actor?: Actor; now?: string; tenantId?: string }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Intake alone on the embedded runtime (PGlite, in-process bus, relay), on a throw-away data dir.
 * `env` sets the INTAKE_* channel variables, which intake reads from the process environment.
 */
export async function startIntakeApp(env: Record<string, string> = {}): Promise<IntakeApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-e2e-'));
  const grpcPort = await freePort();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, { INTAKE_ATTACHMENT_DIR: join(dataDir, 'attachments'), ...env });
  const config = loadConfig({
    DATA_DIR: dataDir,
    HTTP_PORT: '0',
    GRPC_PORT: String(grpcPort),
    LOG_LEVEL: 'silent',
    SERVICES: 'intake',
    API_KEYS: [
      `${INTAKE_KEYS.customer}:acme:customer:cust-gateway`,
      `${INTAKE_KEYS.agent}:acme:agent:agent-1`,
      `${INTAKE_KEYS.supervisor}:acme:supervisor:sup-1`,
      `${INTAKE_KEYS.otherAgent}:globex:agent:agent-9`,
      `${INTAKE_KEYS.otherCustomer}:globex:customer:cust-9`,
      `${INTAKE_KEYS.admin}:acme:admin:admin-1`,
      `${INTAKE_KEYS.otherAdmin}:globex:admin:admin-9`,
    ].join(','),
  });
  const runtime = await createRuntime(config);
  const running = await startApp(runtime, [intakeService]);
  const relay = startRelay(runtime);
  return {
    running,
    runtime,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    dataDir,
    async command(ticketId, command, options = {}) {
      const metadata: CommandMetadata = {
        tenantId: options.tenantId ?? 'acme',
        actor: options.actor ?? { kind: 'agent', id: 'agent-1' },
        correlationId: uuidv7(),
        causationId: null,
        now: options.now ?? new Date().toISOString(),
      };
      await handleCommand({
        store: runtime.store,
        streamId: streamId('ticket', ticketId),
        decider: ticketDecider,
        command: { ...command, ticketId, metadata } as TicketCommand,
        validate: validateNewEvent,
      });
    },
    stop: async () => {
      await relay.stop();
      await running.close();
      await runtime.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { eventually, freePort } from '@ticketing/eventstore/testing';
