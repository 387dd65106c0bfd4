import type { Command } from 'commander';
import { createRuntime, loadConfig, startApp, startRelay } from '@ticketing/platform';

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description("Publish the event store's global log to the bus (distributed mode: run exactly one); serves /health and /metrics")
    .action(async () => {
      const runtime = await createRuntime(loadConfig());
      // No services: the HTTP port carries only health, metrics and docs, so the pod can be probed and scraped.
      const running = await startApp(runtime, []);
      const relay = startRelay(runtime);
      process.stdout.write(`relay: ${runtime.config.eventStore.kind} -> ${runtime.config.bus.kind} | HTTP ${running.httpUrl}\n`);
      const shutdown = async () => {
        await relay.stop();
        await running.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
