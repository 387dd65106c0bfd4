import type { EventHandler } from '../event-bus.port';

/** One message as the in-process bus holds it: the encoded value, so every delivery decodes a
 * fresh copy exactly as a Kafka consumer would. */
export interface InProcessRecord {
  topic: string;
  key: string;
  offset: number;
  value: string;
  headers: Readonly<Record<string, string>>;
}

export interface Delivery {
  record: InProcessRecord;
  /** Settled once this group has handled or dead-lettered the record (publish acknowledgement). */
  settle?: { resolve(): void; reject(error: unknown): void };
}

export interface GroupMember {
  readonly groupId: string;
  readonly topics: ReadonlySet<string>;
  readonly handler: EventHandler;
  readonly maxAttempts: number;
  /** Aborted on stop: ends retry waits so the member lets go of its lanes promptly. */
  readonly abort: AbortController;
  inFlight: number;
  onIdle?: () => void;
}

interface Lane {
  topic: string;
  deliveries: Delivery[];
  busy: boolean;
}

export type Deliver = (member: GroupMember, delivery: Delivery) => Promise<void>;

/**
 * A consumer group: the group, not its members, owns the pending work, so a member that stops
 * leaves the rest for the next member (like committed offsets in Kafka). Work is split into one
 * lane per (topic, key): a lane is handled strictly in order by one member at a time, while
 * different lanes run concurrently — a failing key never holds up another key.
 */
export class InProcessGroup {
  private readonly topicSet = new Set<string>();
  private readonly lanes = new Map<string, Lane>();
  /** Lanes with work and nobody on them, in the order they became ready (fairness). */
  private readonly ready: string[] = [];
  private readonly members: GroupMember[] = [];
  private nextMember = 0;

  constructor(
    readonly id: string,
    private readonly deliver: Deliver,
    private readonly maxConcurrentKeysPerMember: number,
  ) {}

  hasTopic(topic: string): boolean {
    return this.topicSet.has(topic);
  }

  addTopic(topic: string): void {
    this.topicSet.add(topic);
  }

  enqueue(delivery: Delivery): void {
    const laneKey = `${delivery.record.topic}\u0000${delivery.record.key}`;
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { topic: delivery.record.topic, deliveries: [], busy: false };
      this.lanes.set(laneKey, lane);
    }
    lane.deliveries.push(delivery);
    if (!lane.busy && lane.deliveries.length === 1) this.ready.push(laneKey);
    this.dispatch();
  }

  addMember(member: GroupMember): void {
    this.members.push(member);
    this.dispatch();
  }

  /** Detaches the member and resolves once its in-flight handler calls have finished. */
  async removeMember(member: GroupMember): Promise<void> {
    const index = this.members.indexOf(member);
    if (index !== -1) this.members.splice(index, 1);
    member.abort.abort();
    if (member.inFlight > 0) await new Promise<void>((resolve) => (member.onIdle = resolve));
  }

  /** Fails every pending acknowledgement (the bus is closing) and drops the backlog. */
  rejectPending(error: unknown): void {
    for (const lane of this.lanes.values()) {
      for (const delivery of lane.deliveries) delivery.settle?.reject(error);
    }
    this.lanes.clear();
    this.ready.length = 0;
  }

  private dispatch(): void {
    let skipped = 0;
    while (this.ready.length > skipped) {
      const laneKey = this.ready[skipped];
      const lane = this.lanes.get(laneKey);
      if (!lane || lane.busy || lane.deliveries.length === 0) {
        this.ready.splice(skipped, 1);
        continue;
      }
      const member = this.pickMember(lane.topic);
      if (member === 'none-subscribed') {
        skipped++; // another member may subscribe to this topic later
        continue;
      }
      if (member === 'all-busy') return;
      this.ready.splice(skipped, 1);
      lane.busy = true;
      void this.runHead(laneKey, lane, member);
    }
  }

  private pickMember(topic: string): GroupMember | 'none-subscribed' | 'all-busy' {
    const candidates = this.members.filter((m) => m.topics.has(topic));
    if (candidates.length === 0) return 'none-subscribed';
    for (let i = 0; i < candidates.length; i++) {
      const member = candidates[(this.nextMember + i) % candidates.length];
      if (member.inFlight < this.maxConcurrentKeysPerMember) {
        this.nextMember = (this.nextMember + i + 1) % candidates.length;
        return member;
      }
    }
    return 'all-busy';
  }

  private async runHead(laneKey: string, lane: Lane, member: GroupMember): Promise<void> {
    const delivery = lane.deliveries[0];
    member.inFlight++;
    let done = false;
    try {
      await this.deliver(member, delivery);
      done = true;
    } catch {
      // Only an abort gets here (the member stopped while waiting to retry): the record stays at
      // the head of its lane for the next member, exactly like an uncommitted offset.
    } finally {
      member.inFlight--;
      if (done) {
        lane.deliveries.shift();
        delivery.settle?.resolve();
      }
      lane.busy = false;
      if (lane.deliveries.length === 0) this.lanes.delete(laneKey);
      else this.ready.push(laneKey);
      if (member.inFlight === 0) member.onIdle?.();
      this.dispatch();
    }
  }
}
