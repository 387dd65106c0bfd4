import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { ReadModelConfig } from '../config/config';

/**
 * Read models live in PostgreSQL (one schema per service), or in PGlite under DATA_DIR for the
 * embedded runtime. Tables are synchronised from the entities: read models are disposable and
 * rebuilt from the log (`ticketctl replay`), so there is no data to migrate.
 */
export function readModelDataSourceOptions(config: ReadModelConfig): DataSourceOptions {
  if (config.kind === 'postgres') {
    return { type: 'postgres', url: config.url, synchronize: false, logging: false };
  }
  if (config.dataDir !== 'memory://') mkdirSync(config.dataDir, { recursive: true });
  return {
    type: 'postgres',
    driver: new PGliteDriver({ dataDir: config.dataDir === 'memory://' ? undefined : config.dataDir }).driver,
    synchronize: false,
    logging: false,
  } as DataSourceOptions;
}

/**
 * Connects and brings the tables in line with the entities. Each service's tables live in a schema
 * named after it, which TypeORM does not create by itself.
 */
export async function initializeReadModels(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, synchronize: false }).initialize();
  const schemas = new Set(dataSource.entityMetadatas.map((m) => m.schema).filter((s): s is string => !!s));
  for (const schema of schemas) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.synchronize();
  return dataSource;
}
