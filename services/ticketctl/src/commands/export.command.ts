import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EventEnvelope, LogPosition } from '@ticketing/contracts';
import type { EventStore } from '@ticketing/eventstore';
import { createRuntime, loadConfig } from '@ticketing/platform';

interface ExportOptions {
  stream?: string;
  category?: string;
  after?: string;
  since?: string;
  out?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write events as JSON lines: one stream, one category, or the whole log, from a position or a time')
    .option('--stream <streamId>', 'one stream, e.g. ticket-0193…')
    .option('--category <category>', 'one stream category, e.g. ticket')
    .option('--after <position>', 'log position to start after, as commit/prepare (printed in every event\'s logPosition)')
    .option('--since <time>', 'only events that occurred at or after this ISO-8601 time')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: ExportOptions) => {
      const since = options.since ? parseTime(options.since) : undefined;
      const after = options.after ? parsePosition(options.after) : undefined;
      const runtime = await createRuntime({ ...loadConfig(), relayEnabled: false });
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      let written = 0;
      try {
        for await (const event of eventsToExport(runtime.store, options.stream, options.category, after)) {
          if (since && Date.parse(event.occurredAt) < since) continue;
          if (!out.write(JSON.stringify(event) + '\n')) await once(out, 'drain');
          written++;
        }
      } finally {
        if (options.out) out.end();
        await runtime.close();
      }
      process.stderr.write(`exported ${written} events\n`);
    });
}

async function* eventsToExport(store: EventStore, stream?: string, category?: string, after?: LogPosition): AsyncGenerator<EventEnvelope> {
  if (stream) {
    yield* await store.readStream(stream);
    return;
  }
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000, categories: category ? [category] : undefined });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].logPosition;
  }
}

export function parsePosition(text: string): LogPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--after must be commit/prepare, e.g. 1234/56 (got "${text}")`);
  return { commit: Number(match[1]), prepare: Number(match[2]) };
}

export function parseTime(text: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`not an ISO-8601 time: "${text}"`);
  return time;
}
