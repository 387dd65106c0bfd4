import type { Command } from 'commander';
import { createRuntime, loadConfig, startRelay } from '@ticketing/platform';

export function registerRelay(program: Command): void {
  program
    .command('relay')
    .description('Publish the event store\'s global log to the bus (distributed mode: run exactly one)')
    .action(async () => {
      const runtime = await createRuntime(loadConfig());
      const relay = startRelay(runtime);
      process.stdout.write(`relay: ${runtime.config.eventStore.kind} -> ${runtime.config.bus.kind}\n`);
      const shutdown = async () => {
        await relay.stop();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
