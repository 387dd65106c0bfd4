import type { Command } from 'commander';
import { streamId, type EventEnvelope } from '@ticketing/contracts';
import { createRuntime, loadConfig } from '@ticketing/platform';
import { ticketDecider } from '@ticketing/ticket';
import { parseTime } from './export.command';

export type AsOf = { revision: number } | { time: number };

export function parseAsOf(text: string): AsOf {
  return /^\d+$/.test(text.trim()) ? { revision: Number(text) } : { time: parseTime(text) };
}

/** The events that had happened at `asOf` (inclusive). */
export function eventsAsOf(events: EventEnvelope[], asOf?: AsOf): EventEnvelope[] {
  if (!asOf) return events;
  return 'revision' in asOf
    ? events.filter((e) => e.streamPosition <= asOf.revision)
    : events.filter((e) => Date.parse(e.occurredAt) <= asOf.time);
}

export function registerTicketShow(program: Command): void {
  program
    .command('ticket')
    .description('Inspect tickets')
    .command('show')
    .description('A ticket\'s state and history, now or as it was at a revision or time')
    .argument('<ticketId>')
    .option('--as-of <revisionOrTime>', 'a stream revision (0, 1, …) or an ISO-8601 time')
    .option('--json', 'print {state, history} as JSON')
    .action(async (ticketId: string, options: { asOf?: string; json?: boolean }) => {
      const asOf = options.asOf ? parseAsOf(options.asOf) : undefined;
      const runtime = await createRuntime({ ...loadConfig(), relayEnabled: false });
      try {
        const all = await runtime.store.readStream(streamId('ticket', ticketId));
        if (all.length === 0) throw new Error(`ticket ${ticketId} not found`);
        const history = eventsAsOf(all, asOf);
        const state = history.reduce(ticketDecider.evolve, ticketDecider.initialState());
        if (options.json) {
          process.stdout.write(JSON.stringify({ ticketId, revision: history.length - 1, state, history }, null, 2) + '\n');
          return;
        }
        process.stdout.write(`ticket ${ticketId} (tenant ${all[0].tenantId}) at revision ${history.length - 1} of ${all.length - 1}\n`);
        process.stdout.write(`${JSON.stringify(state, null, 2)}\n\nhistory:\n`);
        for (const e of history) {
          process.stdout.write(`  #${e.streamPosition}  ${e.occurredAt}  ${e.type.padEnd(24)} by ${e.actor.kind}:${e.actor.id}\n`);
        }
      } finally {
        await runtime.close();
      }
    });
}
