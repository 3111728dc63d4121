import { prefetchHealth } from './healthBatchers';
import { RowBatcher } from './rowBatcher';

const batcher = () => {
  const load = jest.fn(async (refs: string[]) =>
    Object.fromEntries(refs.map(ref => [ref, { ref }])),
  );
  return { load, batcher: new RowBatcher(load) };
};

describe('prefetchHealth', () => {
  it("asks only the plugins of the columns shown, once each, and the cells' own asks are answered from it", async () => {
    const delivery = batcher();
    const slo = batcher();
    const goldenPaths = batcher();
    const batchers = {
      delivery: delivery.batcher,
      slo: slo.batcher,
      goldenPaths: goldenPaths.batcher,
    } as any;
    const refs = ['component:default/a', 'component:default/b'];

    prefetchHealth(batchers, ['dora', 'lastDeployment', 'goldenPath'], refs);
    // what a cell does when it mounts
    await expect(delivery.batcher.get('component:default/a')).resolves.toEqual({
      ref: 'component:default/a',
    });
    await goldenPaths.batcher.get('component:default/b');

    expect(delivery.load).toHaveBeenCalledTimes(1);
    expect(delivery.load).toHaveBeenCalledWith(refs);
    expect(goldenPaths.load).toHaveBeenCalledTimes(1);
    expect(slo.load).not.toHaveBeenCalled();
  });

  it('leaves a failed prefetch for the cells to ask again', async () => {
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce({ 'component:default/a': 7 });
    const slo = new RowBatcher<number>(load);
    prefetchHealth({ slo } as any, ['errorBudget'], ['component:default/a']);
    await new Promise(resolve => setTimeout(resolve, 5));
    await expect(slo.get('component:default/a')).resolves.toBe(7);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
