import { RowBatcher } from './rowBatcher';

describe('RowBatcher', () => {
  it('loads the rows asked for in one tick with one request, and each only once', async () => {
    const calls: string[][] = [];
    const batcher = new RowBatcher<number>(async refs => {
      calls.push(refs);
      return Object.fromEntries(refs.map((ref, i) => [ref, i]));
    });
    const answers = await Promise.all([
      batcher.get('component:default/a'),
      batcher.get('Component:default/B'),
      batcher.get('component:default/a'),
    ]);
    expect(calls).toEqual([['component:default/a', 'component:default/b']]);
    expect(answers).toEqual([0, 1, 0]);
    // Asked again later (a re-render): answered from what was loaded.
    expect(batcher.peek('component:default/b')).toEqual({ value: 1 });
    expect(batcher.peek('component:default/c')).toBeUndefined();
    expect(await batcher.get('component:default/b')).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('splits more rows than a request may carry into chunks', async () => {
    const calls: string[][] = [];
    const batcher = new RowBatcher<string>(
      async refs => {
        calls.push(refs);
        return {};
      },
      { maxBatch: 2 },
    );
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(ref =>
        batcher.get(`component:default/${ref}`),
      ),
    );
    // 5 rows, at most 2 per request: 3 requests; a row the answer leaves out is null.
    expect(calls.map(c => c.length)).toEqual([2, 2, 1]);
    expect(answers).toEqual([null, null, null, null, null]);
  });

  it('rejects the rows of a failed request and asks again next time', async () => {
    let fail = true;
    const batcher = new RowBatcher<number>(async refs => {
      if (fail) throw new Error('503 Service Unavailable');
      return Object.fromEntries(refs.map(ref => [ref, 7]));
    });
    await expect(batcher.get('component:default/a')).rejects.toThrow('503');
    fail = false;
    await expect(batcher.get('component:default/a')).resolves.toBe(7);
  });

  it('answers again from what it loaded for maxAgeMs, then shows the old value while loading afresh', async () => {
    let clock = 1_000;
    let deploys = 3;
    const calls: string[][] = [];
    const batcher = new RowBatcher<number>(
      async refs => {
        calls.push(refs);
        return Object.fromEntries(refs.map(ref => [ref, deploys]));
      },
      { maxAgeMs: 60_000, now: () => clock },
    );
    expect(await batcher.get('component:default/a')).toBe(3);

    // 59.999 s later (a return to the catalog): no request, the loaded answer
    clock += 59_999;
    deploys = 4;
    expect(await batcher.get('component:default/a')).toBe(3);
    expect(calls).toHaveLength(1);

    // 60 s after the load: the old value is shown while the row loads again
    clock += 1;
    const fresh = batcher.get('component:default/a');
    expect(batcher.peek('component:default/a')).toEqual({ value: 3 });
    expect(await fresh).toBe(4);
    expect(batcher.peek('component:default/a')).toEqual({ value: 4 });
    expect(calls).toEqual([['component:default/a'], ['component:default/a']]);
  });
});
