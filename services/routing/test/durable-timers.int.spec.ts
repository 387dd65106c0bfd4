import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { DataSource } from 'typeorm';
import { RoutingTimer } from '../src/timers/routing-timer.entity';
import { TimerScheduler } from '../src/timers/timer-scheduler';
import { claimDue, schedule, type ClaimedTimer } from '../src/timers/timer-store';

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
    const handler = async (t: ClaimedTimer, at: number) => {
      expect(t.dueAt.getTime()).toBeLessThanOrEqual(at);
      fired.set(t.timerId, (fired.get(t.timerId) ?? 0) + 1);
      return { done: true } as const;
    };
    const schedulers = ['a', 'b', 'c'].map((owner) => new TimerScheduler(dataSource, { sla_breach: handler }, { owner, clock, batchSize: 50 }));
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
    const claimed = await claimDue(dataSource.manager, 'a', new Date(now), new Date(now + 30_000), 40);
    expect(claimed).toHaveLength(40);
    const fired: string[] = [];
    const b = new TimerScheduler(dataSource, { sla_breach: async (t) => (fired.push(t.timerId), { done: true }) }, { owner: 'b', clock, leaseMs: 30_000 });
    while ((await b.runOnce()) > 0);
    expect(fired).toHaveLength(60);
    now += 30_001;
    while ((await b.runOnce()) > 0);
    expect(new Set(fired).size).toBe(100);
    expect(fired).toHaveLength(100);
  });

  it('a handler failure retries with backoff; a reschedule during firing keeps the new due time', async () => {
    await schedule(dataSource.manager, { kind: 'sla_warning', tenantId: 'acme', subject: 't1', target: 'resolution', dueAt: now });
    let attempts = 0;
    const s = new TimerScheduler(
      dataSource,
      {
        sla_warning: async () => {
          attempts++;
          if (attempts === 1) throw new Error('store unavailable');
          // The deadline moved (a pause) while this timer was firing.
          await schedule(dataSource.manager, { kind: 'sla_warning', tenantId: 'acme', subject: 't1', target: 'resolution', dueAt: now + 3_600_000 });
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
});
