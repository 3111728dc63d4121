import { DeliveryClient } from './DeliveryClient';

describe('DeliveryClient', () => {
  const discoveryApi = {
    getBaseUrl: async () => 'http://backend/api/delivery',
  };
  const client = (respond: (url: string) => Response) => {
    const fetch = jest.fn(async (url: string) => respond(url));
    return {
      fetch,
      api: new DeliveryClient({ discoveryApi, fetchApi: { fetch } as any }),
    };
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

  it('asks for the timeline with the query, leaving out empty values', async () => {
    const { api, fetch } = client(() => json({ environments: [] }));
    await api.getTimeline({
      entityRef: 'component:default/checkout',
      from: '2026-01-05T00:00:00Z',
      to: '2026-01-06T00:00:00Z',
      buckets: 24,
    });
    await api.listDeployments({
      entityRef: 'component:default/checkout',
      environment: undefined,
      limit: 50,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/delivery/timeline?entityRef=component%3Adefault%2Fcheckout&from=2026-01-05T00%3A00%3A00Z&to=2026-01-06T00%3A00%3A00Z&buckets=24',
      'http://backend/api/delivery/deployments?entityRef=component%3Adefault%2Fcheckout&limit=50',
    ]);
  });

  it('asks for scorecards and incidents on the routes the backend serves', async () => {
    const { api, fetch } = client(() => json({ items: [] }));
    await api.getScorecards({ from: '2026-01-05', to: '2026-01-06', team: '' });
    await api.getEntityScorecard({
      entityRef: 'system:default/shop',
      from: '2026-01-05',
      to: '2026-01-06',
    });
    await api.listIncidents({ entityRef: 'component:default/checkout' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/delivery/scorecards?from=2026-01-05&to=2026-01-06',
      'http://backend/api/delivery/scorecards/entity?entityRef=system%3Adefault%2Fshop&from=2026-01-05&to=2026-01-06',
      'http://backend/api/delivery/incidents?entityRef=component%3Adefault%2Fcheckout',
    ]);
  });

  it('treats a missing /sources route as "no freshness information"', async () => {
    const { api } = client(() => json({ error: {} }, 404));
    await expect(api.getSourceStatus()).resolves.toBeUndefined();
    const { api: withSources } = client(() =>
      json({ items: [{ id: 'github', stale: true }] }),
    );
    await expect(withSources.getSourceStatus()).resolves.toEqual([
      { id: 'github', stale: true },
    ]);
  });

  it('throws the backend error', async () => {
    const { api } = client(() =>
      json(
        {
          error: { name: 'InputError', message: 'from: from is required' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(
      api.listDeployments({ entityRef: 'component:default/checkout' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'from: from is required' } },
    });
  });
});
