import { Counter } from 'prom-client';
import { startRelay as startStoreToBusRelay } from '@ticketing/messaging';
import { metricsRegistry } from '../observability/metrics';
import type { PlatformRuntime } from './platform.module';

const relayed = new Counter({
  name: 'ticketing_relay_published_total',
  help: 'Events the relay published to the bus (acknowledged by the broker)',
  registers: [metricsRegistry],
});

/** The one store-to-bus relay of a deployment: follows the global log, publishes, then checkpoints. */
export function startRelay(runtime: PlatformRuntime) {
  return startStoreToBusRelay(runtime.store, runtime.bus, {
    subscriptionId: 'relay.bus',
    onPublished: (events) => relayed.inc(events.length),
  });
}
