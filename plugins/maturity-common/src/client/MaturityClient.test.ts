import { MaturityClient } from './MaturityClient';

describe('MaturityClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/maturity',
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  const client = (respond: () => Response) => {
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
      respond(),
    );
    return {
      fetch,
      api: new MaturityClient({ discoveryApi, fetchApi: { fetch } as any }),
    };
  };

  it('asks the routes the backend serves, with their queries', async () => {
    const { api, fetch } = client(() => json({}));
    await api.getEntity('group:default/payments');
    await api.getHistory('component:default/checkout', { weeks: 12 });
    await api.getHistory('component:default/checkout');
    await api.getOrganisation();
    await api.getInitiatives();
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/maturity/entity?entityRef=group%3Adefault%2Fpayments',
      'http://backend/api/maturity/history?entityRef=component%3Adefault%2Fcheckout&weeks=12',
      'http://backend/api/maturity/history?entityRef=component%3Adefault%2Fcheckout',
      'http://backend/api/maturity/organisation',
      'http://backend/api/maturity/initiatives',
    ]);
  });

  it('posts the catalog column’s refs in one batch, and skips an empty one', async () => {
    const { api, fetch } = client(() =>
      json({ items: { 'component:default/a': { level: 2 } } }),
    );
    await expect(api.getLevels([])).resolves.toEqual({ items: {} });
    expect(fetch).not.toHaveBeenCalled();
    await api.getLevels(['component:default/a', 'component:default/b']);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/maturity/levels');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      entityRefs: ['component:default/a', 'component:default/b'],
    });
  });

  it('turns an error answer into a ResponseError with its status', async () => {
    const { api } = client(() =>
      json(
        {
          error: { name: 'InputError', message: 'entityRef: required' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(api.getEntity('')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
    });
  });
});
