import type { LogPosition, NewEvent } from '@ticketing/contracts';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { LOG_START } from '../log-position';
import { type PreparedEvent, prepareNewEvent } from '../new-event';
import type { SqlClient } from '../sql/sql-client';
import { startCatchUpSubscription } from '../subscription/catch-up-subscription';
import type { LogPage, LogSource } from '../subscription/log-source';
import { SubscriptionSet } from '../subscription/subscription-set';
import { isStreamPositionTaken } from './append-errors';
import { type AppendOneRow, type AppendOutcomeRow, appendQuery, expectationHolds } from './append-statement';
import { appendedEvents, EVENT_COLUMN_COUNT, EVENT_COLUMNS, type EventRow, rowToEvent } from './event-rows';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { SCHEMA_LOCK_KEY, SCHEMA_STATEMENTS } from './schema';

/** Retries of one append after a lost race (see appendToStream). Each retry follows a writer that
 * committed, so progress is guaranteed; the bound only stops pathological contention. */
const MAX_APPEND_ATTEMPTS = 25;
const DEFAULT_READ_ALL_COUNT = 4096;

/** Reads only events of transactions older than the oldest one still running anywhere in the
 * cluster (`pg_snapshot_xmin`), so an event that commits late can never land behind a position a
 * reader already passed (docs/adr/0002). The horizon itself comes back as one extra row with
 * only `horizon` set, computed in the same statement (same snapshot) as the events. */
const READ_ALL_SQL = (filtered: boolean) => `
WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
(SELECT NULL::text AS horizon, ${EVENT_COLUMNS}
   FROM es_events, h
  WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
    AND transaction_id < h.horizon
    ${filtered ? 'AND category = ANY($4::text[])' : ''}
  ORDER BY transaction_id, global_position
  LIMIT $3)
UNION ALL
SELECT horizon::text, ${Array(EVENT_COLUMN_COUNT).fill('NULL').join(', ')} FROM h`;

/** An append's result; its `recorded` events are built on first use: many callers never look, and
 * their data must go through a JSON round trip (what the database stored) to equal a later read. */
class Appended implements AppendResult {
  readonly nextExpectedRevision: number;
  readonly logPosition: LogPosition;
  private built?: RecordedEvent[];

  constructor(
    private readonly streamId: string,
    private readonly prepared: PreparedEvent[],
    private readonly dataJson: string[],
    private readonly firstRevision: number,
    private readonly globalPositions: number[],
    private readonly commit: number,
  ) {
    this.nextExpectedRevision = firstRevision + prepared.length - 1;
    this.logPosition = { commit, prepare: globalPositions[globalPositions.length - 1] };
  }

  get recorded(): RecordedEvent[] {
    const data = () => this.dataJson.map((json) => JSON.parse(json) as unknown);
    return (this.built ??= appendedEvents(this.streamId, this.prepared, data(), this.firstRevision, this.globalPositions, this.commit));
  }
}

export class PostgresEventStore implements EventStore, LogSource {
  readonly checkpoints: PostgresCheckpointStore;
  private readonly appendListeners = new Set<() => void>();
  private readonly subscriptions = new SubscriptionSet();

  constructor(
    private readonly sql: SqlClient,
    private readonly options: { closeClient?: boolean } = {},
  ) {
    this.checkpoints = new PostgresCheckpointStore(sql);
  }

  /** Creates or updates the tables; safe to call concurrently and repeatedly. */
  async ensureSchema(): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
      for (const statement of SCHEMA_STATEMENTS) await tx.query(statement);
    });
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const prepared = events.map((event) => prepareNewEvent(event));
    const dataJson = prepared.map((event) => JSON.stringify(event.data));
    const { sql, params, single } = appendQuery(streamId, expected, prepared, dataJson);

    for (let attempt = 1; ; attempt++) {
      let rows: Array<AppendOneRow | AppendOutcomeRow>;
      try {
        ({ rows } = await this.sql.query<AppendOneRow | AppendOutcomeRow>(sql, params));
      } catch (error) {
        const exact = typeof expected === 'number' || expected === 'no_stream';
        if (isStreamPositionTaken(error)) {
          // A competing writer committed the position we computed while we waited on its row.
          if (exact) throw new WrongExpectedRevisionError(streamId, expected, await this.currentRevision(streamId));
          if (attempt < MAX_APPEND_ATTEMPTS) continue;
        }
        throw error;
      }
      const outcome = single ? await this.oneEventOutcome(streamId, rows[0] as AppendOneRow | undefined, expected) : (rows[0] as AppendOutcomeRow);
      if (!outcome.expected_ok) throw new WrongExpectedRevisionError(streamId, expected, Number(outcome.revision));
      if (outcome.behind_younger) {
        // Our transaction is older than the stream's last writer: a fresh one (this retry) is not.
        if (attempt < MAX_APPEND_ATTEMPTS) continue;
        throw new Error(`append to ${streamId} lost the xid race ${attempt} times`);
      }
      if (prepared.length > 0) this.appendListeners.forEach((listener) => listener());
      return this.appendResult(streamId, prepared, dataJson, outcome);
    }
  }

  /** The one-event statement returns a row only when it wrote; without one, the stream's revision
   * now tells a conflict (the expectation fails) from a lost xid race (it holds: retry). */
  private async oneEventOutcome(streamId: string, row: AppendOneRow | undefined, expected: ExpectedRevision): Promise<AppendOutcomeRow> {
    if (row) {
      return {
        revision: Number(row.stream_position) - 1,
        expected_ok: true,
        behind_younger: false,
        commit_position: row.commit_position,
        global_positions: [row.global_position],
        last_commit_position: null,
        last_global_position: null,
      };
    }
    const revision = await this.currentRevision(streamId);
    return {
      revision,
      expected_ok: expectationHolds(expected, revision),
      behind_younger: true,
      commit_position: '0',
      global_positions: null,
      last_commit_position: null,
      last_global_position: null,
    };
  }

  private appendResult(streamId: string, prepared: PreparedEvent[], dataJson: string[], row: AppendOutcomeRow): AppendResult {
    if (prepared.length === 0) {
      return {
        nextExpectedRevision: Number(row.revision),
        logPosition: { commit: Number(row.last_commit_position ?? 0), prepare: Number(row.last_global_position ?? 0) },
        recorded: [],
      };
    }
    const globalPositions = (row.global_positions ?? []).map(Number);
    const commit = Number(row.commit_position);
    const firstRevision = Number(row.revision) + 1;
    return new Appended(streamId, prepared, dataJson, firstRevision, globalPositions, commit);
  }

  private async currentRevision(streamId: string): Promise<number> {
    const { rows } = await this.sql.query<{ revision: string | number | null }>(
      'SELECT max(stream_position) AS revision FROM es_events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0]?.revision == null ? -1 : Number(rows[0].revision);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE stream_id = $1 AND stream_position ${backwards ? '<=' : '>='} $2
        ORDER BY stream_position ${backwards ? 'DESC' : 'ASC'}
        LIMIT $3`,
      [streamId, options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0), options.maxCount ?? null],
    );
    return rows.map(rowToEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const page = await this.readPage(options.after, options.maxCount ?? DEFAULT_READ_ALL_COUNT, options.categories);
    return page.events;
  }

  async countAll(options: { categories?: string[] } = {}): Promise<number> {
    const filtered = options.categories !== undefined;
    const { rows } = await this.sql.query<{ count: string | number }>(
      `SELECT count(*) AS count FROM es_events ${filtered ? 'WHERE category = ANY($1::text[])' : ''}`,
      filtered ? [options.categories] : [],
    );
    return Number(rows[0].count);
  }

  async readPage(after: LogPosition | undefined, maxCount: number, categories?: string[]): Promise<LogPage> {
    const from = after ?? LOG_START;
    const filtered = categories !== undefined;
    const params: unknown[] = [String(from.commit), from.prepare, maxCount];
    if (filtered) params.push(categories);
    const { rows } = await this.sql.query<EventRow & { horizon: string | null }>(READ_ALL_SQL(filtered), params);
    let horizon = 0;
    const events: RecordedEvent[] = [];
    for (const row of rows) {
      if (row.horizon === null) events.push(rowToEvent(row));
      else horizon = Number(row.horizon);
    }
    const endOfLog = events.length < maxCount;
    // At the end, every event of a transaction older than the horizon has been scanned: the next
    // readable one has commit >= horizon and prepare >= 1, i.e. it lies after (horizon, 0).
    return { events, endOfLog, horizon, scannedTo: endOfLog ? { commit: horizon, prepare: 0 } : undefined };
  }

  /** Next transaction id to be assigned: once the horizon reaches it, everything committed now is readable. */
  async captureHead(): Promise<number> {
    const { rows } = await this.sql.query<{ head: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS head');
    return Number(rows[0].head);
  }

  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  subscribeToAll(subscriptionId: string, handler: SubscriptionHandler, options?: SubscribeOptions): Subscription {
    return this.subscriptions.track(startCatchUpSubscription(subscriptionId, this, handler, options));
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    this.appendListeners.clear();
    if (this.options.closeClient !== false) await this.sql.close();
  }
}
