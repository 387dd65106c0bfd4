import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'ticketctl');

function classify(stdin: string): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'classify'], { env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, lines: stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) }),
    );
    child.stdin.end(stdin);
  });
}

describe('ticketctl classify', () => {
  it('writes one classification per JSONL line, in order, with the default model', async () => {
    const input = [
      { id: 'a', channel: 'chat', subject: '', text: '我的帳號被盜了，密碼被人改了' },
      { id: 'b', channel: 'email', subject: 'Where is my parcel', text: 'Tracking has not updated for five days, is the parcel stuck?' },
    ];
    const { code, lines } = await classify(input.map((l) => JSON.stringify(l)).join('\n'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'a', category: 'account_security', priority: 'urgent', complaint: false, language: 'zh-Hant' });
    expect(lines[1]).toMatchObject({ id: 'b', category: 'logistics', language: 'en' });
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['category', 'complaint', 'confidence', 'id', 'language', 'priority']);
      expect(line.confidence).toBeGreaterThan(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('answers a bad line with an error in its place, keeps going, and exits 1', async () => {
    const { code, lines } = await classify(['not json', JSON.stringify({ id: 2, channel: 'fax', text: 'x' }), JSON.stringify({ id: 3, text: '退款什么时候到账' })].join('\n'));
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ error: expect.stringContaining('line 1') });
    expect(lines[1]).toMatchObject({ id: 2, error: expect.stringContaining('channel') });
    expect(lines[2]).toMatchObject({ id: 3, category: 'refund' });
  });
});
