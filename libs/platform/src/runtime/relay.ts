import { startRelay as startStoreToBusRelay } from '@ticketing/messaging';
import type { PlatformRuntime } from './platform.module';

/** The one store-to-bus relay of a deployment: follows the global log, publishes, then checkpoints. */
export function startRelay(runtime: PlatformRuntime) {
  return startStoreToBusRelay(runtime.store, runtime.bus, { subscriptionId: 'relay.bus' });
}
