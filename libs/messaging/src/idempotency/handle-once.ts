import type { EventEnvelope } from '@ticketing/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ProcessedEvent } from './processed-event.entity';
import { inTransaction } from './transactions';

export type HandleOnceResult<T> = { applied: true; result: T } | { applied: false };

/**
 * Applies `effect` at most once per (consumer, eventId): the processed mark and the effect commit
 * in one transaction, so a redelivered event (the bus commits offset+1 only after this resolved)
 * finds its mark and changes nothing. A failing effect rolls the mark back with it.
 * Accepts a DataSource, or an EntityManager already in a transaction (then a savepoint is used).
 */
export async function handleOnce<T>(
  target: DataSource | EntityManager,
  consumer: string,
  event: Pick<EventEnvelope, 'eventId'>,
  effect: (manager: EntityManager) => Promise<T>,
): Promise<HandleOnceResult<T>> {
  return inTransaction(target, async (manager) => {
    const table = tableOf(manager);
    // ON CONFLICT DO NOTHING also waits for a concurrent transaction holding the same mark, so
    // two deliveries racing each other still apply the effect once.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${table} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, event.eventId],
    );
    if (inserted.length === 0) return { applied: false };
    return { applied: true, result: await effect(manager) };
  });
}

/** Whether `consumer` has already applied the event (for diagnostics and tests). */
export async function wasProcessed(target: DataSource | EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const manager = target instanceof DataSource ? target.manager : target;
  const rows: unknown[] = await manager.query(`SELECT 1 FROM ${tableOf(manager)} WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
  return rows.length > 0;
}

/** The schema-qualified, quoted table name as the DataSource maps the entity. */
function tableOf(manager: EntityManager): string {
  const metadata = manager.connection.getMetadata(ProcessedEvent);
  const escape = (name: string) => manager.connection.driver.escape(name);
  return metadata.schema ? `${escape(metadata.schema)}.${escape(metadata.tableName)}` : escape(metadata.tableName);
}
