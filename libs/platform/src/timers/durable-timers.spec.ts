import { createTestPostgresDatabase, describeIf, postgresAvailability, type TestPostgresDatabase } from '@ticketing/eventstore/testing';
import { Entity, Index, type DataSource } from 'typeorm';
import { initializeReadModels, readModelDataSourceOptions } from '../runtime/read-model-datasource';
import { DurableTimerRow } from './durable-timer.entity';
import { DurableTimerScheduler } from './durable-timer-scheduler';
import { DurableTimers } from './durable-timers';

@Entity({ schema: 'timertest', name: 'timers' })
@Index(['dueAt'])
class TestTimer extends DurableTimerRow {}

type Kind = 'ping' | 'flaky';

describeIf(postgresAvailability(), 'durable timers on PostgreSQL (leases, SKIP LOCKED, restarts)', () => {
  let database: TestPostgresDatabase;
  let dataSource: DataSource;
  const timers = new DurableTimers<Kind>('timertest');

  beforeAll(async () => {
    database = await createTestPostgresDatabase('timers');
    dataSource = await initializeReadModels({ ...readModelDataSourceOptions({ kind: 'postgres', url: database.url }), entities: [TestTimer] });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(() => dataSource.query('DELETE FROM timertest.timers'));

  it('two schedulers racing over 300 due timers fire each exactly once; future ones wait', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    for (let i = 0; i < 300; i++) await timers.schedule(dataSource, { kind: 'ping', tenantId: 't', subject: `s${i}`, dueAt: now - 1_000 });
    await timers.schedule(dataSource, { kind: 'ping', tenantId: 't', subject: 'later', dueAt: now + 60_000 });
    const fired: string[] = [];
    const handlers = { ping: async (t: { subject: string }) => (fired.push(t.subject), { done: true as const }) };
    const a = new DurableTimerScheduler(dataSource, timers, handlers, { owner: 'a', clock: () => now, batchSize: 25 });
    const b = new DurableTimerScheduler(dataSource, timers, handlers, { owner: 'b', clock: () => now, batchSize: 25 });
    for (;;) {
      const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (x + y === 0) break;
    }
    expect(fired).toHaveLength(300);
    expect(new Set(fired).size).toBe(300);
    expect(a.fired).toBeGreaterThan(0);
    expect(b.fired).toBeGreaterThan(0);
    expect((await timers.pending(dataSource, 't')).map((t) => t.subject)).toEqual(['later']);
  });

  it('a claim whose owner died is taken over after its lease; a failing handler is retried later, never dropped', async () => {
    let now = Date.parse('2025-03-01T12:00:00Z');
    await timers.schedule(dataSource, { kind: 'ping', tenantId: 't', subject: 'crash', dueAt: now });
    await timers.schedule(dataSource, { kind: 'flaky', tenantId: 't', subject: 'flaky', dueAt: now });
    // "a" claims and crashes before settling.
    expect(await timers.claimDue(dataSource, 'a', new Date(now), new Date(now + 30_000), 10)).toHaveLength(2);
    const fired: string[] = [];
    let failures = 1;
    const b = new DurableTimerScheduler<Kind>(
      dataSource,
      timers,
      {
        ping: async (t) => (fired.push(t.subject), { done: true }),
        flaky: async (t) => {
          if (failures-- > 0) throw new Error('downstream unavailable');
          fired.push(t.subject);
          return { done: true };
        },
      },
      { owner: 'b', clock: () => now },
    );
    expect(await b.runOnce()).toBe(0); // still leased by a
    now += 31_000;
    expect(await b.runOnce()).toBe(2);
    expect(fired).toEqual(['crash']);
    const [retry] = await timers.pending(dataSource, 't');
    expect(retry.subject).toBe('flaky');
    expect(retry.dueAt.getTime()).toBeGreaterThan(now);
    now = retry.dueAt.getTime();
    expect(await b.runOnce()).toBe(1);
    expect(fired).toEqual(['crash', 'flaky']);
    expect(await timers.pending(dataSource, 't')).toEqual([]);
  });

  it('rescheduling while a firing is in flight keeps the new schedule; scheduleOnce never moves one', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    await timers.schedule(dataSource, { kind: 'ping', tenantId: 't', subject: 'moved', dueAt: now });
    const scheduler = new DurableTimerScheduler<Kind>(
      dataSource,
      timers,
      { ping: async () => (await timers.schedule(dataSource, { kind: 'ping', tenantId: 't', subject: 'moved', dueAt: now + 5_000 }), { done: true }) },
      { owner: 'a', clock: () => now },
    );
    expect(await scheduler.runOnce()).toBe(1);
    await timers.scheduleOnce(dataSource, { kind: 'ping', tenantId: 't', subject: 'moved', dueAt: now + 99_000 });
    const [left] = await timers.pending(dataSource, 't');
    expect(left.dueAt.getTime()).toBe(now + 5_000);
    expect(await timers.pending(dataSource, 'other-tenant')).toEqual([]);
  });

  it('scheduleNoLaterThan only ever brings a timer forward; scheduleMany replaces; cancelAllFor and cancelKinds clear', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const due = async () => (await timers.pending(dataSource, 't')).map((t) => [t.timerId, t.dueAt.getTime() - now]);
    await timers.scheduleNoLaterThan(dataSource, { kind: 'ping', tenantId: 't', subject: 'soon', dueAt: now + 5_000 });
    await timers.scheduleNoLaterThan(dataSource, { kind: 'ping', tenantId: 't', subject: 'soon', dueAt: now + 9_000 });
    await timers.scheduleNoLaterThan(dataSource, { kind: 'ping', tenantId: 't', subject: 'soon', dueAt: now + 1_000 });
    await timers.scheduleMany(dataSource, [
      { kind: 'ping', tenantId: 't', subject: 'x', target: 'a', dueAt: now + 2_000 },
      { kind: 'flaky', tenantId: 't', subject: 'x', dueAt: now + 3_000 },
    ]);
    await timers.scheduleMany(dataSource, [{ kind: 'ping', tenantId: 't', subject: 'x', target: 'a', dueAt: now + 4_000 }]);
    expect(await due()).toEqual([
      ['ping:soon', 1_000],
      ['flaky:x', 3_000],
      ['ping:x:a', 4_000],
    ]);
    await timers.cancelAllFor(dataSource, 'x');
    expect(await due()).toEqual([['ping:soon', 1_000]]);
    await timers.scheduleOnce(dataSource, { kind: 'flaky', tenantId: 't', subject: 'y', dueAt: now });
    await timers.cancelKinds(dataSource, ['ping']);
    expect(await due()).toEqual([['flaky:y', 0]]);
  });
});
