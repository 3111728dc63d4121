import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  componentRefsOf,
  reportingRowsAnswered,
  settledWithin,
} from './rowsAnswered';

const entity = (kind: string, name: string, namespace?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('componentRefsOf', () => {
  it('names the components only, lower case, in the default namespace when none is given', () => {
    expect(
      componentRefsOf([
        entity('Component', 'Checkout-Service'),
        entity('Group', 'team-a'),
        entity('component', 'cart', 'shop'),
        { kind: 'Component', metadata: {} },
      ]),
    ).toEqual(['component:default/checkout-service', 'component:shop/cart']);
  });
});

describe('reportingRowsAnswered', () => {
  function fakeCatalog(items: ReturnType<typeof entity>[]) {
    const calls: unknown[] = [];
    const api = {
      baseUrl: 'http://localhost:7007/api/catalog',
      async queryEntities(request: unknown) {
        calls.push(request);
        return { items, totalItems: items.length, pageInfo: {} };
      },
      async getEntityByRef(this: { baseUrl: string }, ref: string) {
        // a method reading its own instance, as the app's client does
        return { ref, from: this.baseUrl };
      },
    };
    return { api: api as unknown as CatalogApi, calls };
  }

  it('tells the components of each page answered, and hands the answer on unchanged', async () => {
    const items = [entity('Component', 'a'), entity('Group', 'g')];
    const { api, calls } = fakeCatalog(items);
    const told: string[][] = [];
    const reporting = reportingRowsAnswered(api, refs => {
      told.push(refs);
    });
    // the first page and the next, as the catalog's entity list asks for them
    const first = {
      filter: { kind: 'component' },
      limit: 20,
      totalItems: 'exclude' as const,
    };
    const answer = await reporting.queryEntities(first);
    expect(answer.items).toBe(items);
    await reporting.queryEntities({
      cursor: 'next',
      limit: 20,
      totalItems: 'exclude',
    } as Parameters<CatalogApi['queryEntities']>[0]);
    expect(calls).toEqual([first, expect.objectContaining({ cursor: 'next' })]);
    expect(told).toEqual([['component:default/a'], ['component:default/a']]);
  });

  it("tells nothing of the page's other queries, even when they answer components", async () => {
    const { api, calls } = fakeCatalog([entity('Component', 'starred-one')]);
    const told: string[][] = [];
    const reporting = reportingRowsAnswered(api, refs => {
      told.push(refs);
    });
    // the starred count (up to 1,000 starred entities), the owned count
    await reporting.queryEntities({
      filter: { 'metadata.name': ['starred-one'] },
      limit: 1000,
    });
    await reporting.queryEntities({ filter: { kind: 'component' }, limit: 0 });
    expect(calls).toHaveLength(2);
    expect(told).toEqual([]);
  });

  it("hands the page on once the rows' health is loaded, never later than waitMs", async () => {
    jest.useFakeTimers();
    try {
      const { api } = fakeCatalog([entity('Component', 'a')]);
      const page = { limit: 20, totalItems: 'exclude' as const };
      let loaded: () => void = () => {};
      const reporting = reportingRowsAnswered(
        api,
        () => new Promise<void>(resolve => (loaded = resolve)),
        { waitMs: 300 },
      );
      let answered = false;
      const first = reporting.queryEntities(page).then(() => {
        answered = true;
      });
      await jest.advanceTimersByTimeAsync(100);
      expect(answered).toBe(false);
      loaded();
      await first;
      expect(answered).toBe(true);

      // health that never comes holds the page waitMs, no longer
      answered = false;
      const second = reporting.queryEntities(page).then(() => {
        answered = true;
      });
      await jest.advanceTimersByTimeAsync(299);
      expect(answered).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await second;
      expect(answered).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('passes every other call to the app client, bound to it', async () => {
    const { api } = fakeCatalog([]);
    const reporting = reportingRowsAnswered(api, () => {});
    await expect(
      reporting.getEntityByRef('component:default/a'),
    ).resolves.toEqual({
      ref: 'component:default/a',
      from: 'http://localhost:7007/api/catalog',
    });
  });
});

describe('settledWithin', () => {
  it('resolves as the work settles, fulfilled or rejected', async () => {
    await expect(settledWithin(Promise.resolve(1), 1000)).resolves.toBe(
      undefined,
    );
    await expect(
      settledWithin(Promise.reject(new Error('503')), 1000),
    ).resolves.toBe(undefined);
  });

  it('does not wait without work or without time', async () => {
    const never = new Promise(() => {});
    await expect(settledWithin(undefined, 1000)).resolves.toBe(undefined);
    await expect(settledWithin(never, 0)).resolves.toBe(undefined);
  });
});
