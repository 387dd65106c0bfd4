import type { EventEnvelope } from '@ticketing/contracts';
import type { EventStore } from '@ticketing/eventstore';
import { handleOnce, inTransaction, ProcessedEvent, type BusSubscription, type EventBus } from '@ticketing/messaging';
import { topicForCategory } from '@ticketing/contracts';
import type { DataSource } from 'typeorm';
import { eventsConsumed } from '../observability/metrics';
import type { Projection } from './projection';

/** Live: consume the projection's topics in its own consumer group, each event exactly once in effect. */
export async function runProjection(projection: Projection, bus: EventBus, dataSource: DataSource): Promise<BusSubscription> {
  return bus.subscribe(
    { groupId: `projection.${projection.name}`, topics: projection.categories.map(topicForCategory), fromBeginning: true },
    async (event) => {
      if (!projection.handles.includes(event.type)) return;
      await handleOnce(dataSource, projection.name, event, (manager) => projection.apply(event, manager));
      eventsConsumed.inc({ consumer: projection.name, outcome: 'applied' });
    },
  );
}

/**
 * Rebuild: empty the read model and its processed-event marks, then feed the whole global log
 * through it in pages. Reports progress as (done, total) after each page.
 */
export async function replayProjection(
  projection: Projection,
  store: EventStore,
  dataSource: DataSource,
  onProgress: (done: number, total: number) => void = () => undefined,
  pageSize = 1000,
): Promise<number> {
  // inTransaction: on PGlite all query runners share one session, so transactions must queue.
  await inTransaction(dataSource, async (manager) => {
    await projection.reset(manager);
    await manager.delete(ProcessedEvent, { consumer: projection.name });
  });
  const total = await countEvents(store, projection.categories);
  const rebuilder = projection.rebuilder?.(dataSource);
  let done = 0;
  let after: EventEnvelope['logPosition'] | undefined;
  for (;;) {
    // The bulk path reads bigger pages: it folds a page in memory while the previous one is written.
    const page = await store.readAll({ after, maxCount: rebuilder ? pageSize * 10 : pageSize, categories: projection.categories });
    if (page.length === 0) break;
    const handled = page.filter((event) => projection.handles.includes(event.type));
    if (rebuilder) {
      await rebuilder.push(handled);
    } else {
      await inTransaction(dataSource, async (manager) => {
        for (const event of handled) await handleOnce(manager, projection.name, event, (m) => projection.apply(event, m));
      });
    }
    done += page.length;
    after = page[page.length - 1].logPosition;
    onProgress(done, Math.max(total, done));
  }
  await rebuilder?.flush();
  return done;
}

async function countEvents(store: EventStore, categories: string[]): Promise<number> {
  if (store.countAll) return store.countAll({ categories });
  let count = 0;
  let after: EventEnvelope['logPosition'] | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5000, categories });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].logPosition;
  }
}
