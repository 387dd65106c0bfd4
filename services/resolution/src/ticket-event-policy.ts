import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { topicForCategory, type EventEnvelope } from '@ticketing/contracts';
import type { BusSubscription, EventBus } from '@ticketing/messaging';

/**
 * A resolution policy that follows the ticket topic in its own consumer group from the beginning
 * (at-least-once: `handle` must be idempotent) and stops with the application.
 */
export abstract class TicketEventPolicy implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: BusSubscription;

  protected constructor(
    private readonly policyBus: EventBus,
    private readonly groupId: string,
  ) {}

  /** false = stay unsubscribed (nothing configured to act on). */
  protected shouldSubscribe(): boolean {
    return true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.shouldSubscribe()) return;
    this.subscription = await this.policyBus.subscribe(
      { groupId: this.groupId, topics: [topicForCategory('ticket')], fromBeginning: true },
      (event) => this.handle(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  abstract handle(event: EventEnvelope): Promise<void>;
}
