import type { EventEnvelope } from '@ticketing/contracts';
import { InProcessEventBus, type EventBus } from '@ticketing/messaging';
import { testEnvelope } from '@ticketing/messaging/testing';
import { EventPolicy } from './event-policy';

class RecordingPolicy extends EventPolicy {
  readonly seen: string[] = [];
  protected readonly consumer;
  constructor(
    protected readonly bus: EventBus,
    options: { groupId?: string; disabled?: string } = {},
  ) {
    super();
    this.consumer = { groupId: options.groupId ?? 'test.recording', categories: ['ticket'] };
    this.disabled = options.disabled;
  }
  private readonly disabled?: string;
  protected override disabledBecause(): string | undefined {
    return this.disabled;
  }
  async handle(event: EventEnvelope): Promise<void> {
    this.seen.push(event.eventId);
  }
}

describe('EventPolicy', () => {
  let bus: InProcessEventBus;
  beforeEach(() => (bus = new InProcessEventBus()));
  afterEach(() => bus.close());

  it('handles its categories from app start until shutdown', async () => {
    const policy = new RecordingPolicy(bus);
    await policy.onApplicationBootstrap();
    const first = testEnvelope('ticket-1', 0);
    await bus.publish([first, testEnvelope('agent-1', 0)]);
    expect(policy.seen).toEqual([first.eventId]);

    await policy.onApplicationShutdown();
    // The group outlives its member (as in Kafka): a restarted instance gets what came meanwhile.
    const later = testEnvelope('ticket-1', 1);
    const publishing = bus.publish([later]);
    const restarted = new RecordingPolicy(bus);
    await restarted.onApplicationBootstrap();
    await publishing;
    expect(policy.seen).toEqual([first.eventId]);
    expect(restarted.seen).toEqual([later.eventId]);
    await restarted.onApplicationShutdown();
  });

  it('does not subscribe when disabled', async () => {
    const policy = new RecordingPolicy(bus, { disabled: 'gateway not configured' });
    await policy.onApplicationBootstrap();
    const observer = new RecordingPolicy(bus, { groupId: 'test.observer' });
    await observer.onApplicationBootstrap();
    await bus.publish([testEnvelope('ticket-1', 0)]); // resolves once every subscribed group handled it
    expect(observer.seen).toHaveLength(1);
    expect(policy.seen).toEqual([]);
    await observer.onApplicationShutdown();
  });
});
