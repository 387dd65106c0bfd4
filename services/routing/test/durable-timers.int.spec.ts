import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { DataSource } from 'typeorm';
import { DurableTimerScheduler, initializeReadModels, type ClaimedTimer, type DurableSchedulerOptions, type TimerHandler } from '@ticketing/platform';
import { routingService } from '../src';
import { RoutingTimer, routingTimers, type TimerKind } from '../src/timers/routing-timer.entity';

/** Routing's scheduler over routing.timers, as the RoutingEngine builds it (the platform library). */
const scheduler = (dataSource: DataSource, handlers: Partial<Record<TimerKind, TimerHandler<TimerKind>>>, options: DurableSchedulerOptions) =>
  new DurableTimerScheduler<TimerKind>(dataSource, routingTimers, handlers, options);

/* Durable timers on real PostgreSQL: several schedulers side by side fire each timer once; a
 * scheduler that dies mid-batch loses nothing (its lease expires and another takes over); a
 * timer rescheduled while firing keeps its new schedule. Time is an injected clock, never a sleep. */

const availability = postgresAvailability();

describeIf(availability, 'routing durable timers (PostgreSQL)', () => {
  let database: TestPostgresDatabase;
  let dataSource: DataSource;
  let now = Date.parse('2026-03-01T09:00:00Z');
  const clock = () => now;

  beforeAll(async () => {
    database = await createTestPostgresDatabase('routing_timers');
    dataSource = await new DataSource({ type: 'postgres', url: database.url, entities: [RoutingTimer], synchronize: false }).initialize();
    await dataSource.query('CREATE SCHEMA IF NOT EXISTS routing');
    await dataSource.synchronize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(() => dataSource.query('DELETE FROM routing.timers'));

  async function scheduleMany(n: number, spreadMs: number): Promise<void> {
    const values = Array.from({ length: n }, (_, i) => `('sla_breach:t${i}', 'acme', 'sla_breach', 't${i}', NULL, to_timestamp(${(now + (i % 100) * (spreadMs / 100)) / 1000}), 0, 0)`);
    await dataSource.query(`INSERT INTO routing.timers ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts) VALUES ${values.join(',')}`);
  }

  it('three schedulers racing over 2,000 due timers fire each exactly once, and nothing before it is due', async () => {
    await scheduleMany(2_000, 60_000);
    const fired = new Map<string, number>();
    const handler = async (t: ClaimedTimer<TimerKind>, at: number) => {
      expect(t.dueAt.getTime()).toBeLessThanOrEqual(at);
      fired.set(t.timerId, (fired.get(t.timerId) ?? 0) + 1);
      return { done: true } as const;
    };
    const schedulers = ['a', 'b', 'c'].map((owner) => scheduler(dataSource, { sla_breach: handler }, { owner, clock, batchSize: 50 }));
    // Half the timers are due: only those may fire.
    now += 30_000;
    const drain = async () => {
      for (;;) {
        const counts = await Promise.all(schedulers.map((s) => s.runOnce()));
        if (counts.every((c) => c === 0)) return;
      }
    };
    await drain();
    const dueNow = Number((await dataSource.query(`SELECT count(*) AS n FROM routing.timers`))[0].n);
    expect(fired.size).toBe(2_000 - dueNow);
    expect(fired.size).toBeGreaterThan(900);
    now += 60_000;
    await drain();
    expect(fired.size).toBe(2_000);
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM routing.timers`))[0].n)).toBe(0);
  });

  it('a scheduler that dies after claiming loses nothing: the lease expires and another fires the timers', async () => {
    await scheduleMany(100, 0);
    // "a" claims a batch and dies before completing any of it.
    const claimed = await routingTimers.claimDue(dataSource.manager, 'a', new Date(now), new Date(now + 30_000), 40);
    expect(claimed).toHaveLength(40);
    const fired: string[] = [];
    const b = scheduler(dataSource, { sla_breach: async (t) => (fired.push(t.timerId), { done: true }) }, { owner: 'b', clock, leaseMs: 30_000 });
    while ((await b.runOnce()) > 0);
    expect(fired).toHaveLength(60);
    now += 30_001;
    while ((await b.runOnce()) > 0);
    expect(new Set(fired).size).toBe(100);
    expect(fired).toHaveLength(100);
  });

  it('a handler failure retries with backoff; a reschedule during firing keeps the new due time', async () => {
    await routingTimers.schedule(dataSource.manager, { kind: 'sla_warning', tenantId: 'acme', subject: 't1', target: 'resolution', dueAt: now });
    let attempts = 0;
    const s = scheduler(
      dataSource,
      {
        sla_warning: async () => {
          attempts++;
          if (attempts === 1) throw new Error('store unavailable');
          // The deadline moved (a pause) while this timer was firing.
          await routingTimers.schedule(dataSource.manager, { kind: 'sla_warning', tenantId: 'acme', subject: 't1', target: 'resolution', dueAt: now + 3_600_000 });
          return { done: true };
        },
      },
      { owner: 's', clock },
    );
    expect(await s.runOnce()).toBe(1);
    expect(await s.runOnce()).toBe(0); // backing off
    now += 1_000;
    expect(await s.runOnce()).toBe(1);
    const [row] = await dataSource.query(`SELECT "dueAt" FROM routing.timers WHERE "timerId" = 'sla_warning:t1:resolution'`);
    expect(new Date(row.dueAt).getTime()).toBe(now + 3_600_000);
  });

  it('upgrade: a deployment whose routing.timers was made by routing\'s former timer code keeps its pending timers, and they fire', async () => {
    // The table exactly as routing's own RoutingTimer entity created it before the move to the
    // platform's DurableTimerRow, with pending timers in it, one claimed by a replica that died.
    const old = await createTestPostgresDatabase('routing_timers_upgrade');
    const legacy = await new DataSource({ type: 'postgres', url: old.url }).initialize();
    let upgraded: DataSource | undefined;
    try {
      await legacy.query('CREATE SCHEMA routing');
      await legacy.query(
        `CREATE TABLE "routing"."timers" ("timerId" text NOT NULL, "tenantId" text NOT NULL, "kind" text NOT NULL, "subject" text NOT NULL, "target" text, "dueAt" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "claimedBy" text, "claimedUntil" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a9fcc8dff569b08039dfb005b64" PRIMARY KEY ("timerId"))`,
      );
      await legacy.query(`CREATE INDEX "IDX_e522c24afffb9677f1fecb830a" ON "routing"."timers" ("dueAt")`);
      await legacy.query(
        `INSERT INTO routing.timers ("timerId", "tenantId", kind, subject, target, "dueAt", version, attempts, "claimedBy", "claimedUntil") VALUES
          ('sla_breach:t1:resolution', 'acme', 'sla_breach', 't1', 'resolution', $1, 2, 0, NULL, NULL),
          ('escalate:t2', 'acme', 'escalate', 't2', NULL, $1, 0, 1, 'routing-dead-replica', $2),
          ('hand_back:agent-a7', 'acme', 'hand_back', 'agent-a7', NULL, $3, 0, 0, NULL, NULL)`,
        [new Date(now - 1_000), new Date(now + 10_000), new Date(now + 3_600_000)],
      );
      await legacy.destroy();

      // Start-up as the runtime does it: all of routing's entities, tables synchronised.
      upgraded = await initializeReadModels({ type: 'postgres', url: old.url, entities: routingService.entities });
      const pending = await upgraded.driver.createSchemaBuilder().log();
      expect(pending.upQueries.filter((q) => q.query.includes('"routing"."timers"'))).toEqual([]);
      expect((await routingTimers.pending(upgraded, 'acme')).map((t) => [t.timerId, t.version])).toEqual([
        ['escalate:t2', 0],
        ['sla_breach:t1:resolution', 2],
        ['hand_back:agent-a7', 0],
      ]);
      const fired: string[] = [];
      const record = async (t: ClaimedTimer<TimerKind>) => (fired.push(t.timerId), { done: true as const });
      const s = scheduler(upgraded, { sla_breach: record, escalate: record, hand_back: record }, { owner: 'new', clock });
      expect(await s.runOnce()).toBe(1); // the dead replica's lease still holds
      now += 10_001;
      expect(await s.runOnce()).toBe(1);
      expect(fired).toEqual(['sla_breach:t1:resolution', 'escalate:t2']);
      expect((await routingTimers.pending(upgraded, 'acme')).map((t) => t.timerId)).toEqual(['hand_back:agent-a7']);
    } finally {
      if (legacy.isInitialized) await legacy.destroy();
      await upgraded?.destroy();
      await old.drop();
    }
  });
});
