import type { Subscription } from '../event-store.port';

/** The live subscriptions of one store, so close() can stop them before the connection goes
 * (otherwise a forgotten subscription would retry against a closed pool forever). */
export class SubscriptionSet {
  private readonly live = new Set<Subscription>();

  track(subscription: Subscription): Subscription {
    this.live.add(subscription);
    return {
      caughtUp: () => subscription.caughtUp(),
      stop: async () => {
        this.live.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const all = [...this.live];
    this.live.clear();
    await Promise.all(all.map((subscription) => subscription.stop()));
  }
}
