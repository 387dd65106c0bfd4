import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ProcessedEvent } from '@ticketing/messaging';
import { createRuntime, initializeReadModels, loadConfig, readModelDataSourceOptions, replayProjection } from '@ticketing/platform';
import { allProjections, ALL_SERVICES } from '../services';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Rebuild a read model: empty it and feed the whole event log through its projection')
    .argument('<projection>', `one of: ${allProjections().map((p) => p.name).join(', ')}`)
    .action(async (name: string) => {
      const projection = allProjections().find((p) => p.name === name);
      if (!projection) throw new Error(`unknown projection "${name}"; known: ${allProjections().map((p) => p.name).join(', ')}`);
      const config = { ...loadConfig(), relayEnabled: false };
      const runtime = await createRuntime(config);
      const dataSource = await initializeReadModels({
        ...readModelDataSourceOptions(config.readModels),
        entities: [ProcessedEvent, ...ALL_SERVICES.flatMap((s) => s.entities)],
      });
      const bar = new SingleBar({ format: `${name} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left` }, Presets.shades_classic);
      bar.start(1, 0);
      try {
        const started = Date.now();
        const count = await replayProjection(projection, runtime.store, dataSource, (done, total) => {
          bar.setTotal(total);
          bar.update(done);
        });
        bar.stop();
        process.stdout.write(`replayed ${count} events through ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      } finally {
        bar.stop();
        await dataSource.destroy();
        await runtime.close();
      }
    });
}
