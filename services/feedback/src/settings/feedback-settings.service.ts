import { Inject, Injectable } from '@nestjs/common';
import { feedbackConfigStream, streamId } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { feedbackConfigDecider, type FeedbackConfig, type FeedbackConfigCommand } from './feedback-settings';

/** Reads and writes a tenant's `feedback-<tenantId>` stream; small, so folded on every use. */
@Injectable()
export class FeedbackSettingsService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(tenantId: string): Promise<FeedbackConfig> {
    const { state } = await aggregateStream(this.store, streamId(feedbackConfigStream, tenantId), feedbackConfigDecider.evolve, feedbackConfigDecider.initialState);
    return state;
  }

  async change(command: FeedbackConfigCommand): Promise<FeedbackConfig> {
    const result = await handleCommand({
      store: this.store,
      streamId: streamId(feedbackConfigStream, command.metadata.tenantId),
      decider: feedbackConfigDecider,
      command,
      validate: validateNewEvent,
    });
    return result.state;
  }
}
