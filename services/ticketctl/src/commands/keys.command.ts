import type { Command } from 'commander';
import { dirname } from 'node:path';
import { ensureEmbeddedApiKeys, loadConfig } from '@ticketing/platform';

export function registerKeys(program: Command): void {
  program
    .command('keys')
    .description('Print the embedded runtime\'s API keys (key, tenant, role, actor)')
    .action(() => {
      const config = loadConfig();
      if (config.eventStore.kind !== 'pglite') throw new Error('keys: only the embedded runtime makes its own keys; see API_KEYS');
      const { config: withKeys } = ensureEmbeddedApiKeys(config, dirname(config.eventStore.dataDir));
      for (const k of withKeys.apiKeys) process.stdout.write(`${k.role}\t${k.tenantId}\t${k.actorId}\t${k.key}\n`);
    });
}
