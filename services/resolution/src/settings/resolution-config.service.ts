import { Inject, Injectable } from '@nestjs/common';
import { resolutionConfigStream, streamId, type CommandMetadata } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { configDecider, type ConfigCommand, type ResolutionConfig } from './resolution-config';

/** Reads and writes a tenant's `resolution-<tenantId>` stream. Small by nature, so it is folded on
 * every use rather than kept in a read model: a change is visible to the very next command. */
@Injectable()
export class ResolutionConfigService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(tenantId: string): Promise<ResolutionConfig> {
    const { state } = await aggregateStream(this.store, configStream(tenantId), configDecider.evolve, configDecider.initialState);
    return state;
  }

  async change(command: ConfigCommand): Promise<ResolutionConfig> {
    const result = await handleCommand({
      store: this.store,
      streamId: configStream(command.metadata.tenantId),
      decider: configDecider,
      command,
      validate: validateNewEvent,
    });
    return result.state;
  }
}

export const configStream = (tenantId: string) => streamId(resolutionConfigStream, tenantId);

export type { CommandMetadata };
