import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { CHANNELS, type Channel } from '@ticketing/contracts';
import { defaultClassifier } from '@ticketing/classifier';

/**
 * `ticketctl classify`: JSONL `{id, channel, subject, text}` on stdin → JSONL
 * `{id, category, priority, complaint, language, confidence}` on stdout, one line per input line, in
 * order, with the shipped default model (no tenant rules, no triage substitution: this is the model's
 * own answer and its calibrated confidence). A line that is not a valid request yields
 * `{id, error}` in its place and the exit code becomes 1; the other lines are still classified.
 */
export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Classify JSONL {id, channel, subject, text} from stdin with the default model')
    .action(async () => {
      const model = defaultClassifier();
      let failed = false;
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        const parsed = parseLine(line, n);
        if ('error' in parsed) {
          failed = true;
          process.stdout.write(`${JSON.stringify(parsed)}\n`);
          continue;
        }
        const c = model.classify({ subject: parsed.subject, text: parsed.text, channel: parsed.channel });
        const out = { id: parsed.id, category: c.category, priority: c.priority, complaint: c.complaint, language: c.language, confidence: Number(c.confidence.toFixed(4)) };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }
      if (failed) process.exitCode = 1;
    });
}

interface ClassifyLine {
  id: unknown;
  channel?: Channel;
  subject?: string;
  text: string;
}

function parseLine(line: string, n: number): ClassifyLine | { id: unknown; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${n}: not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: `line ${n}: not a JSON object` };
  const { id = null, channel, subject, text } = value as Record<string, unknown>;
  if (typeof text !== 'string') return { id, error: `line ${n}: text must be a string` };
  if (subject !== undefined && subject !== null && typeof subject !== 'string') return { id, error: `line ${n}: subject must be a string` };
  if (channel !== undefined && channel !== null && !CHANNELS.includes(channel as Channel)) {
    return { id, error: `line ${n}: channel must be one of ${CHANNELS.join(', ')}` };
  }
  return { id, text, subject: (subject as string | null) ?? undefined, channel: (channel as Channel | null) ?? undefined };
}
