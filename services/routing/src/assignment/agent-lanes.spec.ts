import { runInLanes } from './agent-lanes';

/** A work function whose calls stay pending until the test releases them, recording what ran when. */
function controlled() {
  const running = new Map<string, () => void>();
  const started: string[] = [];
  let maxConcurrent = 0;
  const work = (item: { id: string; lane: string }) =>
    new Promise<string>((resolve, reject) => {
      started.push(item.id);
      running.set(item.id, () => (item.id.endsWith('!') ? reject(new Error(`boom ${item.id}`)) : resolve(item.id.toUpperCase())));
      maxConcurrent = Math.max(maxConcurrent, running.size);
    });
  const release = async (id: string) => {
    const done = running.get(id);
    if (!done) throw new Error(`${id} is not running (running: ${[...running.keys()].join(', ')})`);
    running.delete(id);
    done();
    // Let the worker pick its next item.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { work, release, started, running, max: () => maxConcurrent };
}

const items = (spec: string) => spec.split(' ').map((s) => ({ id: s, lane: s[0] }));

describe('runInLanes (dispatch persists different agents in parallel, one agent in plan order)', () => {
  it('given items of several lanes, when run with concurrency 2, then never more than 2 at once and never two of one lane', async () => {
    const c = controlled();
    const run = runInLanes(items('a1 a2 b1 c1 b2'), (i) => i.lane, 2, c.work);
    await Promise.resolve();
    expect([...c.running.keys()]).toEqual(['a1', 'b1']);
    await c.release('a1');
    // a2 is the earliest item of an idle lane.
    expect([...c.running.keys()]).toEqual(['b1', 'a2']);
    await c.release('b1');
    expect([...c.running.keys()]).toEqual(['a2', 'c1']);
    await c.release('c1');
    expect([...c.running.keys()]).toEqual(['a2', 'b2']);
    await c.release('a2');
    await c.release('b2');
    const results = await run;
    expect(results).toEqual(['A1', 'A2', 'B1', 'C1', 'B2'].map((value) => ({ ok: true, value })));
    expect(c.max()).toBe(2);
  });

  it('given one lane, when run with high concurrency, then its items run one after another in order', async () => {
    const c = controlled();
    const run = runInLanes(items('x1 x2 x3'), (i) => i.lane, 8, c.work);
    await Promise.resolve();
    for (const id of ['x1', 'x2', 'x3']) {
      expect([...c.running.keys()]).toEqual([id]);
      await c.release(id);
    }
    await run;
    expect(c.started).toEqual(['x1', 'x2', 'x3']);
    expect(c.max()).toBe(1);
  });

  it('given a failing item, when run, then the others (its own lane too) still run and the failure is reported in place', async () => {
    const c = controlled();
    const run = runInLanes(items('a1! a2 b1'), (i) => i.lane, 4, c.work);
    await Promise.resolve();
    await c.release('a1!');
    await c.release('a2');
    await c.release('b1');
    const results = await run;
    expect(results[0]).toEqual({ ok: false, error: new Error('boom a1!') });
    expect(results.slice(1)).toEqual([{ ok: true, value: 'A2' }, { ok: true, value: 'B1' }]);
  });

  it('given nothing to do, when run, then it resolves with no results', async () => {
    await expect(runInLanes([], () => 'x', 4, async () => 1)).resolves.toEqual([]);
  });
});
