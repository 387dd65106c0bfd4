import { BACKWARDS, END, type EventStoreDBClient, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import type { LogPosition } from '@ticketing/contracts';
import type { CheckpointStore } from '../event-store.port';

/** `$`-prefixed so the checkpoint streams count as system streams and never reach subscribers. */
export const checkpointStream = (subscriptionId: string) => `$ticketing-checkpoint-${subscriptionId}`;

/** One small stream per subscription, trimmed to its last event by $maxCount. */
export class EsdbCheckpointStore implements CheckpointStore {
  private readonly trimmed = new Set<string>();

  constructor(private readonly client: EventStoreDBClient) {}

  async load(subscriptionId: string): Promise<LogPosition | undefined> {
    try {
      for await (const resolved of this.client.readStream(checkpointStream(subscriptionId), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        return resolved.event?.data as unknown as LogPosition;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async save(subscriptionId: string, position: LogPosition): Promise<void> {
    const stream = checkpointStream(subscriptionId);
    if (!this.trimmed.has(stream)) {
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
      this.trimmed.add(stream);
    }
    await this.client.appendToStream(stream, jsonEvent({ type: 'Checkpoint', data: { ...position } }));
  }
}
