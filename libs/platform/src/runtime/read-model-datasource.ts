import { mkdirSync } from 'node:fs';
import type { DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { ReadModelConfig } from '../config/config';

/**
 * Read models live in PostgreSQL (one schema per service), or in PGlite under DATA_DIR for the
 * embedded runtime. Tables are synchronised from the entities: read models are disposable and
 * rebuilt from the log (`ticketctl replay`), so there is no data to migrate.
 */
export function readModelDataSourceOptions(config: ReadModelConfig): DataSourceOptions {
  if (config.kind === 'postgres') {
    return { type: 'postgres', url: config.url, synchronize: true, logging: false };
  }
  if (config.dataDir !== 'memory://') mkdirSync(config.dataDir, { recursive: true });
  return {
    type: 'postgres',
    driver: new PGliteDriver({ dataDir: config.dataDir === 'memory://' ? undefined : config.dataDir }).driver,
    synchronize: true,
    logging: false,
  } as DataSourceOptions;
}
