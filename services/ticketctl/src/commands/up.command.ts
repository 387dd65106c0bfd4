import type { Command } from 'commander';
import { dirname } from 'node:path';
import { createRuntime, ensureEmbeddedApiKeys, loadConfig, startApp, startRelay } from '@ticketing/platform';
import { servicesNamed } from '../services';

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Start the services in this process (embedded default: all five, PGlite under ./data, in-process bus)')
    .action(async () => {
      let config = loadConfig();
      if (config.eventStore.kind === 'pglite') {
        const keys = ensureEmbeddedApiKeys(config, dirname(config.eventStore.dataDir));
        config = keys.config;
        if (keys.file) process.stdout.write(`API keys for the embedded runtime: ${keys.file}\n`);
      }
      const runtime = await createRuntime(config);
      const running = await startApp(runtime, servicesNamed(config.services));
      const relay = config.relayEnabled ? startRelay(runtime) : undefined;
      process.stdout.write(
        `ticketing up: ${config.services.join(', ')} | HTTP ${running.httpUrl} (OpenAPI ${running.httpUrl}/docs) | gRPC ${running.grpcAddress}` +
          ` | store ${config.eventStore.kind} | bus ${config.bus.kind}${relay ? ' | relay on' : ''}\n`,
      );
      const shutdown = async () => {
        await relay?.stop();
        await running.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
