import type { Admin } from 'kafkajs';

export interface TopicSettings {
  numPartitions: number;
  replicationFactor: number;
  timeoutMs: number;
}

/**
 * Creates topics up front where the cluster allows it (real Kafka with auto-creation disabled),
 * and otherwise leaves them to broker auto-creation on first produce/subscribe: a failed
 * createTopics is logged and ignored, never fatal. Each topic is attempted once per bus.
 */
export class TopicProvisioner {
  private readonly attempted = new Map<string, Promise<void>>();

  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly settings: TopicSettings,
    private readonly onIgnoredFailure: (topics: string[], error: unknown) => void,
  ) {}

  ensure(topics: string[]): Promise<void> {
    const fresh = [...new Set(topics)].filter((topic) => !this.attempted.has(topic));
    if (fresh.length > 0) {
      const attempt = this.create(fresh);
      for (const topic of fresh) this.attempted.set(topic, attempt);
    }
    return Promise.all(topics.map((topic) => this.attempted.get(topic))).then(() => undefined);
  }

  private async create(topics: string[]): Promise<void> {
    try {
      const admin = await this.admin();
      await admin.createTopics({
        waitForLeaders: true,
        timeout: this.settings.timeoutMs,
        topics: topics.map((topic) => ({ topic, numPartitions: this.settings.numPartitions, replicationFactor: this.settings.replicationFactor })),
      });
    } catch (error) {
      this.onIgnoredFailure(topics, error);
    }
  }
}
