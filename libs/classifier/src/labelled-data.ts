import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, Priority } from './taxonomy';
import type { DetectedLanguage } from './normalize';

export interface LabelledMessage {
  text: string;
  category: Category;
  priority: Priority;
  complaint: boolean;
  language: DetectedLanguage;
}

export const DEFAULT_TAXONOMY_DATA = join(__dirname, '..', 'training-data', 'default-taxonomy.tsv');

/** Reads the project's own labelled set (see training-data/README.md): TSV with a header row. */
export function loadLabelledMessages(path = DEFAULT_TAXONOMY_DATA): LabelledMessage[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const columns = header.split('\t');
  return rows.map((row, n) => {
    const cells = row.split('\t');
    if (cells.length !== columns.length) throw new Error(`${path}:${n + 2}: expected ${columns.length} columns, got ${cells.length}`);
    const value = (name: string) => cells[columns.indexOf(name)];
    return {
      text: value('text'),
      category: value('category') as Category,
      priority: value('priority') as Priority,
      complaint: value('complaint') === '1',
      language: value('language') as DetectedLanguage,
    };
  });
}

/** The fixed held-out split: every 5th message is test data, never trained on by the benchmark. */
export function splitHeldOut<T>(items: readonly T[]): { train: T[]; test: T[] } {
  return { train: items.filter((_, i) => i % 5 !== 4), test: items.filter((_, i) => i % 5 === 4) };
}
