import type { LogPosition } from '@ticketing/contracts';
import type { CheckpointStore } from '../event-store.port';
import type { SqlQueryable } from '../sql/sql-client';

/** Subscription checkpoints in es_checkpoints, beside the log they point into. */
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(private readonly sql: SqlQueryable) {}

  async load(subscriptionId: string): Promise<LogPosition | undefined> {
    const { rows } = await this.sql.query<{ commit_position: string | number; prepare_position: string | number }>(
      'SELECT commit_position, prepare_position FROM es_checkpoints WHERE subscription_id = $1',
      [subscriptionId],
    );
    const row = rows[0];
    return row && { commit: Number(row.commit_position), prepare: Number(row.prepare_position) };
  }

  async save(subscriptionId: string, position: LogPosition): Promise<void> {
    await this.sql.query(
      `INSERT INTO es_checkpoints (subscription_id, commit_position, prepare_position) VALUES ($1, $2, $3)
       ON CONFLICT (subscription_id) DO UPDATE
         SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated_at = now()`,
      [subscriptionId, position.commit, position.prepare],
    );
  }
}
