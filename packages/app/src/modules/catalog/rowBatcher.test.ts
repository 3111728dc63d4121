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

describe('RowBatcher.prefetch', () => {
  it('sends the rows at once, and the cells asking later share that request', async () => {
    const calls: string[][] = [];
    const batcher = new RowBatcher<number>(async refs => {
      calls.push(refs);
      return Object.fromEntries(refs.map((ref, i) => [ref, i + 1]));
    });
    batcher.prefetch(['component:default/a', 'Component:default/B']);
    // sent before any tick passed, not on the next one as `get` does
    expect(calls).toEqual([['component:default/a', 'component:default/b']]);
    const answers = await Promise.all([
      batcher.get('component:default/b'),
      batcher.get('component:default/a'),
    ]);
    expect(answers).toEqual([2, 1]);
    expect(calls).toHaveLength(1);
    // rows already loaded or loading are not sent again
    batcher.prefetch(['component:default/a', 'component:default/c']);
    expect(calls).toEqual([
      ['component:default/a', 'component:default/b'],
      ['component:default/c'],
    ]);
    batcher.prefetch(['component:default/c']);
    expect(calls).toHaveLength(2);
  });

  it('settles when every row is answered, and only then', async () => {
    let answer: (items: Record<string, number>) => void = () => {};
    const batcher = new RowBatcher<number>(
      () => new Promise(resolve => (answer = resolve)),
    );
    let settled = false;
    const prefetched = batcher
      .prefetch(['component:default/a', 'component:default/b'])
      .then(() => (settled = true));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    answer({ 'component:default/a': 1 });
    await prefetched;
    expect(batcher.peek('component:default/a')).toEqual({ value: 1 });
    // a row the backend did not answer is known to have no value
    expect(batcher.peek('component:default/b')).toEqual({ value: null });
  });

  it('leaves a failure to the cells: settles, no unhandled rejection, and they ask again', async () => {
    let fail = true;
    const calls: string[][] = [];
    const batcher = new RowBatcher<number>(async refs => {
      calls.push(refs);
      if (fail) throw new Error('503 Service Unavailable');
      return Object.fromEntries(refs.map(ref => [ref, 7]));
    });
    await expect(batcher.prefetch(['component:default/a'])).resolves.toBe(
      undefined,
    );
    expect(batcher.peek('component:default/a')).toBeUndefined();
    fail = false;
    await expect(batcher.get('component:default/a')).resolves.toBe(7);
    expect(calls).toEqual([['component:default/a'], ['component:default/a']]);
  });
});
