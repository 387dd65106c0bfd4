import type { EventEnvelope } from '@ticketing/contracts';
import { createEventStore } from '@ticketing/eventstore';
import { ProcessedEvent } from '@ticketing/messaging';
import { initializeReadModels, readModelDataSourceOptions, replayProjection } from '@ticketing/platform';
import type { DataSource } from 'typeorm';
import { KpiRebuild, projectKpiBatch } from './kpi-batch';
import { DIMENSIONS } from './kpi-measures';
import { queryKpis, TIME_BUCKETS, type KpiValues } from './kpi-query';
import { KpiDaily, KpiTicket } from './kpi.entities';
import { kpiProjection } from './kpi.projection';
import { bruteForceKpis } from './testing/kpi-brute-force';
import { generateTicketMonth } from './testing/ticket-month.generator';

const MONTH = '2025-03-01T00:00:00.000Z';
const DAYS = Array.from({ length: 31 }, (_, i) => new Date(Date.parse(MONTH) + i * 86_400_000).toISOString().slice(0, 10));
const TO = '2025-04-01';

async function readModels(): Promise<DataSource> {
  return initializeReadModels({ ...readModelDataSourceOptions({ kind: 'pglite', dataDir: 'memory://' }), entities: [KpiDaily, KpiTicket] });
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === 0 || (typeof v === 'object' && Object.values(v as object).every(isEmpty));

/** Every KPI of every tenant, dimension, bucket and value, as the dashboard query answers it. */
async function projected(dataSource: DataSource, tenants: string[], bucket: (typeof TIME_BUCKETS)[number]) {
  const result = new Map<string, KpiValues>();
  for (const tenantId of tenants) {
    for (const by of DIMENSIONS) {
      for (const row of await queryKpis(dataSource, { tenantId, by, bucket, from: DAYS[0], to: TO })) {
        if (!isEmpty(row.kpis)) result.set(`${tenantId}|${by}|${row.bucket}|${row.value}`, row.kpis);
      }
    }
  }
  return result;
}

function expectSameKpis(actual: Map<string, KpiValues>, expected: Map<string, KpiValues>): void {
  const wanted = new Map([...expected].filter(([, v]) => !isEmpty(v)));
  const mismatches = [...new Set([...actual.keys(), ...wanted.keys()])]
    .filter((key) => JSON.stringify(actual.get(key)) !== JSON.stringify(wanted.get(key)))
    .slice(0, 3)
    .map((key) => ({ key, projected: actual.get(key), bruteForce: wanted.get(key) }));
  expect(mismatches).toEqual([]);
  expect(actual.size).toBe(wanted.size);
}

describe('KPI projection against a brute-force recomputation of a generated month', () => {
  const tenants = ['shop-a', 'shop-b', 'shop-c'];
  const log: EventEnvelope[] = [...generateTicketMonth({ seed: 20250301, tenants, ticketsPerTenant: 600, monthStart: MONTH })];
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await readModels();
    for (let i = 0; i < log.length; i += 2_500) {
      await dataSource.transaction((manager) => projectKpiBatch(log.slice(i, i + 2_500), manager));
    }
  });
  afterAll(() => dataSource?.destroy());

  it('generates a month worth measuring (every KPI has data)', () => {
    const types = new Set(log.map((e) => e.type));
    for (const type of ['SlaBreached', 'TicketReopened', 'SatisfactionRated', 'CollaborationCompleted', 'TicketTransferred', 'TicketUnassigned', 'SelfServiceOfferAnswered']) {
      expect(types).toContain(type);
    }
    expect(log.length).toBeGreaterThan(20_000);
  });

  it.each(TIME_BUCKETS)('matches exactly by every dimension, per %s', async (bucket) => {
    const actual = await projected(dataSource, tenants, bucket);
    expect(actual.size).toBeGreaterThan(100);
    expectSameKpis(actual, bruteForceKpis(log, bucket, DAYS));
  });

  it('keeps tenants apart', async () => {
    const [a] = await queryKpis(dataSource, { tenantId: 'shop-a', by: 'all', bucket: 'month', from: DAYS[0], to: TO });
    const [none] = await queryKpis(dataSource, { tenantId: 'shop-z', by: 'all', bucket: 'month', from: DAYS[0], to: TO }).then((r) => [r[0]]);
    expect(a.kpis.ticketsOpened).toBe(600);
    // Some offers are taken and some declined, so the deflection rate is a real fraction.
    expect(a.counters.self_service_offered).toBeGreaterThan(20);
    expect(a.kpis.selfServiceDeflectionRate).toBeGreaterThan(0);
    expect(a.kpis.selfServiceDeflectionRate).toBeLessThan(1);
    expect(none).toBeUndefined();
  });
});

describe('KPI projection, live: one event at a time, redelivered', () => {
  it('ends where the batch path and the brute force do, however often events repeat', async () => {
    const log = [...generateTicketMonth({ seed: 7, tenants: ['shop-a'], ticketsPerTenant: 120, monthStart: MONTH })];
    const dataSource = await readModels();
    try {
      for (let i = 0; i < log.length; i++) {
        await dataSource.transaction((manager) => kpiProjection.apply(log[i], manager));
        // At-least-once delivery: now and then an earlier event comes again.
        if (i % 7 === 0) await dataSource.transaction((manager) => kpiProjection.apply(log[Math.floor(i / 2)], manager));
      }
      expectSameKpis(await projected(dataSource, ['shop-a'], 'day'), bruteForceKpis(log, 'day', DAYS));
      await dataSource.transaction((manager) => kpiProjection.reset(manager));
      expect(await dataSource.getRepository(KpiDaily).count()).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('KPI rebuild, pipelined (states kept in memory, the next batch folded while one is written)', () => {
  it('ends where the brute force does, also when it has to drop states from memory and read them back', async () => {
    const log = [...generateTicketMonth({ seed: 11, tenants: ['shop-a', 'shop-b'], ticketsPerTenant: 200, monthStart: MONTH })];
    const dataSource = await readModels();
    try {
      let transactions = 0;
      // A cache of 40 tickets for 400 tickets: most batches have to reload evicted states.
      const rebuild = new KpiRebuild((work) => dataSource.transaction((manager) => (transactions++, work(manager))), 40);
      for (let i = 0; i < log.length; i += 300) await rebuild.push(log.slice(i, i + 300));
      await rebuild.flush();
      expect(transactions).toBeGreaterThan(Math.ceil(log.length / 300)); // writes plus reloads
      expectSameKpis(await projected(dataSource, ['shop-a', 'shop-b'], 'day'), bruteForceKpis(log, 'day', DAYS));
    } finally {
      await dataSource.destroy();
    }
  });

  it('a failed write fails the rebuild: later pushes and flush reject', async () => {
    const log = [...generateTicketMonth({ seed: 12, tenants: ['shop-a'], ticketsPerTenant: 30, monthStart: MONTH })];
    let calls = 0;
    const rebuild = new KpiRebuild(async () => {
      calls++;
      throw new Error('connection lost');
    });
    await rebuild.push(log.slice(0, 100));
    await expect(rebuild.push(log.slice(100, 200))).rejects.toThrow('connection lost');
    await expect(rebuild.flush()).rejects.toThrow('connection lost');
    expect(calls).toBe(1);
  });
});

describe('KPI replay (ticketctl replay feedback.kpis): the log read back from a store, through the bulk rebuild', () => {
  it('ends where the brute force does, and a second replay gives the same', async () => {
    const log = [...generateTicketMonth({ seed: 11, tenants: ['shop-a', 'shop-b'], ticketsPerTenant: 200, monthStart: MONTH })];
    const store = await createEventStore({ kind: 'pglite' });
    const dataSource = await initializeReadModels({
      ...readModelDataSourceOptions({ kind: 'pglite', dataDir: 'memory://' }),
      entities: [KpiDaily, KpiTicket, ProcessedEvent],
    });
    try {
      for (const e of log) {
        await store.appendToStream(e.streamId, [
          { eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, tenantId: e.tenantId, actor: e.actor, correlationId: e.correlationId, causationId: e.causationId, occurredAt: e.occurredAt, data: e.data },
        ]);
      }
      expect(kpiProjection.rebuilder).toBeDefined();
      const expected = bruteForceKpis(log, 'day', DAYS);
      for (let run = 0; run < 2; run++) {
        expect(await replayProjection(kpiProjection, store, dataSource, undefined, 100)).toBe(log.length);
        expectSameKpis(await projected(dataSource, ['shop-a', 'shop-b'], 'day'), expected);
        expect(await dataSource.getRepository(ProcessedEvent).count()).toBe(0); // the bulk path, not event by event
      }
    } finally {
      await dataSource.destroy();
      await store.close();
    }
  });
});
