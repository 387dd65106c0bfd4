import type { Command } from 'commander';
import { readFileSync } from 'node:fs';

/**
 * `ticketctl kb import <file>` / `ticketctl kb export`: a shop's FAQ in and out of the knowledge base
 * as JSONL, through the running API (so every article is an event with the caller as actor, in the
 * caller's tenant). Import prints the report; bad lines (by line and field) make the exit code 1.
 */
export interface KbTarget {
  url: string;
  apiKey: string;
}

export interface KbImportReport {
  created: number;
  revised: number;
  unchanged: number;
  errors: Array<{ line: number; field: string; message: string }>;
}

export async function kbImport(target: KbTarget, jsonl: string): Promise<KbImportReport> {
  const response = await fetch(new URL('/knowledge/articles/import', target.url), {
    method: 'POST',
    headers: { 'X-Api-Key': target.apiKey, 'Content-Type': 'application/x-ndjson' },
    body: jsonl,
  });
  if (!response.ok) throw new Error(`import failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as KbImportReport;
}

export async function kbExport(target: KbTarget, status?: string): Promise<string> {
  const url = new URL('/knowledge/articles/export', target.url);
  if (status) url.searchParams.set('status', status);
  const response = await fetch(url, { headers: { 'X-Api-Key': target.apiKey } });
  if (!response.ok) throw new Error(`export failed: HTTP ${response.status} ${await response.text()}`);
  return response.text();
}

interface KbOptions {
  url: string;
  apiKey?: string;
}

function target(options: KbOptions): KbTarget {
  const apiKey = options.apiKey ?? process.env.TICKETING_API_KEY;
  if (!apiKey) throw new Error('an API key is needed: --api-key or TICKETING_API_KEY (a supervisor key of the tenant)');
  return { url: options.url, apiKey };
}

export function registerKb(program: Command): void {
  const kb = program.command('kb').description('Knowledge base: bulk import and export of articles as JSONL (through the API)');
  const common = (command: Command) =>
    command
      .option('--url <url>', 'base URL of the running API', process.env.TICKETING_URL ?? `http://127.0.0.1:${process.env.HTTP_PORT ?? 3000}`)
      .option('--api-key <key>', 'API key (default: TICKETING_API_KEY)');
  common(kb.command('import <file>').description('Import JSONL (one article per line; "-" reads stdin); prints the report'))
    .action(async (file: string, options: KbOptions) => {
      const jsonl = readFileSync(file === '-' ? 0 : file, 'utf8');
      const report = await kbImport(target(options), jsonl);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (report.errors.length > 0) process.exitCode = 1;
    });
  common(kb.command('export').description('Write the tenant’s articles as JSONL to stdout'))
    .option('--status <status>', 'only articles in this status (draft, in_review, approved, published, retired)')
    .action(async (options: KbOptions & { status?: string }) => {
      process.stdout.write(await kbExport(target(options), options.status));
    });
}
