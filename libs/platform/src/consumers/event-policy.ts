import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topicForCategory, type EventEnvelope } from '@ticketing/contracts';
import type { BusSubscription, EventBus } from '@ticketing/messaging';

/** Where a policy reads: its own consumer group (its offsets), over these stream categories. */
export interface PolicyConsumer {
  groupId: string;
  categories: string[];
}

/**
 * A reaction to events from the bus (policy / process manager): subscribes in its own consumer
 * group when the app has started, from the beginning of its topics, and stops on shutdown.
 * Subclasses say what they consume and how to handle one event; handling must be idempotent
 * (the bus delivers at least once), usually through the ticket's own state or handleOnce.
 */
export abstract class EventPolicy implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private subscription?: BusSubscription;

  protected abstract readonly bus: EventBus;
  protected abstract readonly consumer: PolicyConsumer;

  abstract handle(event: EventEnvelope): Promise<void>;

  /** Why the policy must not run in this deployment (e.g. the port it needs is not configured), or undefined. */
  protected disabledBecause(): string | undefined {
    return undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const disabled = this.disabledBecause();
    if (disabled) {
      this.logger.log(disabled);
      return;
    }
    this.subscription = await this.bus.subscribe(
      { groupId: this.consumer.groupId, topics: this.consumer.categories.map(topicForCategory), fromBeginning: true },
      (event) => this.handle(event),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
