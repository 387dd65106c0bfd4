/** Prints benchmark rows as an aligned table with ratios to the ceiling and the peer. */
export interface Row {
  metric: string;
  ours: number;
  ceiling: number;
  peer: number;
  /** Throughputs: higher is better; latencies: lower is better (ratios are flipped so >1 means "we win"). */
  higherIsBetter: boolean;
  note?: string;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

export function printTable(rows: Row[]): void {
  const header = ['metric', 'ours', 'ceiling', 'peer', 'ours/ceiling', 'ours/peer'];
  const body = rows.map((row) => {
    const ratio = (other: number) => (row.higherIsBetter ? row.ours / other : other / row.ours).toFixed(2) + 'x';
    return [row.metric, fmt(row.ours), fmt(row.ceiling), fmt(row.peer), ratio(row.ceiling), ratio(row.peer)];
  });
  const widths = header.map((_, c) => Math.max(header[c].length, ...body.map((cells) => cells[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  body.forEach((cells) => console.log(line(cells)));
  console.log('ratios: >1.00x means ours is faster (for latencies: ceiling or peer time / ours)');
  rows.filter((row) => row.note).forEach((row) => console.log(`  ${row.metric}: ${row.note}`));
  console.log('');
}
