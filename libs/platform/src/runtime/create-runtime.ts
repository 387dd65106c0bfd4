import { mkdirSync } from 'node:fs';
import { createEventStore } from '@ticketing/eventstore';
import { InProcessEventBus, KafkaEventBus, type EventBus, type KafkaEventBusOptions } from '@ticketing/messaging';
import type { PlatformConfig } from '../config/config';
import type { PlatformRuntime } from './platform.module';
import { withUpcasting } from './upcasting-event-store';

export interface Runtime extends PlatformRuntime {
  close(): Promise<void>;
}

/** Opens the event store and the bus the configuration names. Same code for embedded and distributed. */
/** Tuning that is not configuration (tests use quieter, faster Kafka settings). */
export interface RuntimeOverrides {
  kafka?: Partial<KafkaEventBusOptions>;
}

export async function createRuntime(config: PlatformConfig, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  if (config.eventStore.kind === 'pglite') mkdirSync(config.eventStore.dataDir, { recursive: true });
  const store = withUpcasting(await createEventStore(
    config.eventStore.kind === 'pglite' ? { kind: 'pglite', dataDir: config.eventStore.dataDir } : config.eventStore,
  ));
  const bus: EventBus =
    config.bus.kind === 'kafka'
      ? new KafkaEventBus({ brokers: config.bus.brokers, clientId: config.bus.clientId, ...overrides.kafka })
      : new InProcessEventBus();
  return {
    config,
    store,
    bus,
    close: async () => {
      await bus.close();
      await store.close();
    },
  };
}
