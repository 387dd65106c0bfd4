import { tokenSpans } from './tokenize';

export interface HighlightOptions {
  /** Characters of context in the snippet. */
  window?: number;
  open?: string;
  close?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => ESCAPES[ch]);

/**
 * The part of `text` with the most matches of `terms`, each match wrapped in `<mark>`; the rest is
 * HTML-escaped, so the snippet can be shown as is. Without matches, the start of the text.
 */
export function highlight(text: string, terms: Iterable<string>, options: HighlightOptions = {}): string {
  const { window = 160, open = '<mark>', close = '</mark>' } = options;
  const wanted = new Set(terms);
  const ranges = mergeRanges(tokenSpans(text).filter((s) => wanted.has(s.term)).map((s) => [s.start, s.end] as [number, number]));
  const [from, to] = bestWindow(text.length, ranges, window);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    out += escapeHtml(text.slice(at, s)) + open + escapeHtml(text.slice(s, e)) + close;
    at = e;
  }
  out += escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
  return out.replace(/\s+/g, ' ').trim();
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    // Adjacent or overlapping (CJK bigrams overlap by one character; "退款 政策" joins across a space).
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The window of `size` characters covering the most matched characters. */
function bestWindow(length: number, ranges: Array<[number, number]>, size: number): [number, number] {
  if (length <= size || ranges.length === 0) return [0, Math.min(length, size)];
  let best = 0;
  let bestCovered = -1;
  for (const [start] of ranges) {
    const from = Math.max(0, Math.min(start - Math.floor(size / 4), length - size));
    const to = from + size;
    const covered = ranges.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0);
    if (covered > bestCovered) {
      bestCovered = covered;
      best = from;
    }
  }
  return [best, best + size];
}
