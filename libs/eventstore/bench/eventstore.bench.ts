/**
 * PostgreSQL event store benchmark (`npm run bench:eventstore`): appends at 1/8/32 writers, read-and-
 * fold of a 100-event stream, global-log replay; each beside its ceiling (raw SQL on the same server)
 * and its peer (@event-driven-io/emmett-postgresql). Runs on a fresh database of the local server
 * (TEST_POSTGRES_URL) and drops it afterwards. The last line is one JSON object with the figures.
 */
import { dumbo } from '@event-driven-io/dumbo';
import { readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { LogPosition } from '@ticketing/contracts';
import { aggregateStream, createPgSqlClient, PostgresEventStore } from '../src';
import { createTestPostgresDatabase, testEvent } from '../src/testing';
import { Pool } from 'pg';
import { emmettAppender, emmettStore, ourAppender, RAW_TABLE_SQL, rawInserter, Revisions } from './contenders';
import { replayRate, type Run, runConcurrent, summarize, type Throughput, timePerCallUs } from './measure';
import { printTable, type Row } from './report';

const CONCURRENCY = [1, 8, 32];
const APPENDS_PER_LEVEL = Number(process.env['BENCH_APPENDS'] ?? 12_000);
const REPLAY_EVENTS = Number(process.env['BENCH_REPLAY_EVENTS'] ?? 200_000);
const EMMETT_REPLAY_EVENTS = 50_000;
const STREAMS_PER_WRITER = 10;
const ROUNDS = 6;
let databaseUrl = '';
const url = () => databaseUrl;

type Fold = { count: number; last: unknown };
const evolve = (state: Fold, event: { data: unknown }): Fold => ({ count: state.count + 1, last: event.data });
const initial = (): Fold => ({ count: 0, last: undefined });

/** The contenders take turns in short rounds (order rotated), so a load change on the machine
 * hits all of them alike. Each turn opens its own connections and closes them after (three pools
 * of 32 would not fit PostgreSQL's default 100 connections); the streams and the revisions each
 * contender tracked carry over from round to round. */
async function appendLevel(writers: number): Promise<Record<'raw' | 'ours' | 'emmett', Throughput>> {
  const ourRevisions = new Revisions<number>(-1);
  const rawRevisions = new Revisions<number>(-1);
  const emmettRevisions = new Revisions<bigint>(0n);
  const contenders = {
    raw: () => rawInserter(url(), writers, rawRevisions),
    ours: () => ourAppender(url(), writers, ourRevisions),
    emmett: () => emmettAppender(url(), writers, emmettRevisions),
  };
  const names = Object.keys(contenders) as Array<keyof typeof contenders>;
  const perRound = Math.max(20, Math.floor(APPENDS_PER_LEVEL / writers / ROUNDS));
  const warmup = 10; // per writer and turn, unmeasured: connections, prepared statements, plans
  const results = new Map<keyof typeof contenders, Run[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const appender = contenders[name]();
      try {
        const offset = round * (perRound + warmup);
        results.get(name)!.push(
          await runConcurrent(writers, perRound, warmup, (w, i) => appender.append(`${name}${writers}-${w}x${(offset + i) % STREAMS_PER_WRITER}`)),
        );
      } finally {
        await appender.close();
      }
    }
  }
  return { raw: summarize(results.get('raw')!), ours: summarize(results.get('ours')!), emmett: summarize(results.get('emmett')!) };
}

async function main(): Promise<void> {
  const database = await createTestPostgresDatabase('esbench');
  databaseUrl = database.url;
  const url = databaseUrl;
  const json: Record<string, number> = {};
  const rows: Row[] = [];
  console.log(`eventstore benchmark on ${database.name} (${APPENDS_PER_LEVEL} appends per level, replay of ${REPLAY_EVENTS} events)`);
  try {
    const store = new PostgresEventStore(createPgSqlClient({ connectionString: url, max: 4 }));
    await store.ensureSchema();
    const admin = new Pool({ connectionString: url, max: 2 });
    await admin.query(RAW_TABLE_SQL);
    const emmettSetup = emmettStore(url, 2);
    await emmettSetup.store.schema.migrate();
    await emmettSetup.close();

    // 1. Appends, one event each, with the expected revision.
    for (const writers of CONCURRENCY) {
      const { raw, ours, emmett } = await appendLevel(writers);
      rows.push({
        metric: `append, ${writers} writer${writers > 1 ? 's' : ''} (events/s)`,
        ours: ours.eps,
        ceiling: raw.eps,
        peer: emmett.eps,
        higherIsBetter: true,
        note: `p50/p99 ms: ours ${ours.p50Ms.toFixed(2)}/${ours.p99Ms.toFixed(2)}, raw ${raw.p50Ms.toFixed(2)}/${raw.p99Ms.toFixed(2)}, emmett ${emmett.p50Ms.toFixed(2)}/${emmett.p99Ms.toFixed(2)}`,
      });
      json[`append_${writers}_writers_eps`] = Math.round(ours.eps);
      json[`raw_insert_${writers}_writers_eps`] = Math.round(raw.eps);
      json[`emmett_append_${writers}_writers_eps`] = Math.round(emmett.eps);
      json[`append_${writers}_writers_p50_ms`] = round2(ours.p50Ms);
      json[`append_${writers}_writers_p99_ms`] = round2(ours.p99Ms);
      console.log(`  appends at ${writers} writers done`);
    }

    // 2. Read and fold a 100-event stream.
    await store.appendToStream('fold-1', Array.from({ length: 100 }, (_, i) => testEvent({ type: 'Bench', data: { i } })));
    const emmett = emmettStore(url, 2);
    await emmett.store.appendToStream('fold-1', Array.from({ length: 100 }, (_, i) => ({ type: 'Bench', data: { i } })));
    const foldOurs = await timePerCallUs(500, 50, () => aggregateStream(store, 'fold-1', evolve, initial));
    const foldRaw = await timePerCallUs(500, 50, () =>
      admin.query('SELECT * FROM es_events WHERE stream_id = $1 ORDER BY stream_position', ['fold-1']),
    );
    const foldEmmett = await timePerCallUs(500, 50, () =>
      emmett.store.aggregateStream<Fold, { type: 'Bench'; data: { i: number } }>('fold-1', { evolve, initialState: initial }),
    );
    rows.push({ metric: 'read + fold 100 events (µs)', ours: foldOurs, ceiling: foldRaw, peer: foldEmmett, higherIsBetter: false, note: 'ceiling: raw SELECT, no mapping or fold' });
    json['fold_100_events_us'] = Math.round(foldOurs);
    json['raw_select_100_events_us'] = Math.round(foldRaw);
    json['emmett_fold_100_events_us'] = Math.round(foldEmmett);
    console.log('  fold done');

    // 3. Global-log replay. Bulk-load the log server-side, then page through it as a subscriber would.
    await admin.query(
      `INSERT INTO es_events (stream_id, stream_position, event_id, type, schema_version, tenant_id, occurred_at,
                              actor_kind, actor_id, correlation_id, causation_id, data)
       SELECT 'replay-' || (i % 1000), i / 1000, gen_random_uuid(), 'Bench', 1, 'tenant-1', now(), 'agent', 'agent-7', 'corr-1', NULL,
              jsonb_build_object('subject', 'Parcel arrived damaged', 'channel', 'email', 'priority', 'high', 'n', i)
         FROM generate_series(0, $1::int - 1) AS i`,
      [REPLAY_EVENTS],
    );
    for (let batch = 0; batch < EMMETT_REPLAY_EVENTS / 1000; batch++) {
      await emmett.store.appendToStream(`replay-${batch}`, Array.from({ length: 1000 }, (_, i) => ({
        type: 'Bench',
        data: { subject: 'Parcel arrived damaged', channel: 'email', priority: 'high', n: i },
      })));
    }
    await admin.query('VACUUM ANALYZE es_events');
    const PAGE = 5_000;
    const replayOurs = await replayRate<LogPosition>(async (after) => {
      const events = await store.readAll({ after, maxCount: PAGE });
      return { count: events.length, next: events.at(-1)?.logPosition };
    });
    const replayRaw = await replayRate<{ c: string; p: string }>(async (after) => {
      const { rows: page } = await admin.query(
        `SELECT global_position, transaction_id::text AS c, * FROM es_events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, global_position LIMIT $3`,
        [after?.c ?? '0', after?.p ?? '0', PAGE],
      );
      const last = page.at(-1);
      return { count: page.length, next: last && { c: last.c, p: last.global_position } };
    });
    const db = dumbo({ connectionString: url });
    const replayEmmett = await replayRate<bigint>(async (after) => {
      const page = await readMessagesBatch(db.execute, { after: after ?? 0n, batchSize: PAGE });
      return { count: page.messages.length, next: page.currentGlobalPosition };
    });
    await db.close();
    await emmett.close();
    rows.push({
      metric: 'global-log replay (events/s)',
      ours: replayOurs.eps,
      ceiling: replayRaw.eps,
      peer: replayEmmett.eps,
      higherIsBetter: true,
      note: `${replayOurs.events} events in pages of ${PAGE} (emmett: ${replayEmmett.events})`,
    });
    json['replay_eps'] = Math.round(replayOurs.eps);
    json['raw_replay_eps'] = Math.round(replayRaw.eps);
    json['emmett_replay_eps'] = Math.round(replayEmmett.eps);

    await admin.end();
    await store.close();
  } finally {
    await database.drop();
  }
  printTable(rows);
  console.log(JSON.stringify(json));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
