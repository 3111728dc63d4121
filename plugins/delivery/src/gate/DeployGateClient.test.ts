import { DeployGateClient } from './DeployGateClient';

describe('DeployGateClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) => `http://backend/api/${pluginId}`,
  };

  it('reads the decisions of the gate and the freeze of the SLO policy', async () => {
    const fetch = jest.fn(async (url: string) => ({
      ok: true,
      json: async () =>
        url.includes('/deploy-gate/')
          ? { items: [{ decisionId: 'x' }] }
          : {
              entityRef: 'component:default/checkout',
              frozen: true,
              frozenSince: '2026-01-05T10:00:00Z',
            },
    }));
    const client = new DeployGateClient({
      discoveryApi,
      fetchApi: { fetch: fetch as any },
    });
    expect(await client.getDecisions('component:default/checkout')).toEqual([
      { decisionId: 'x' },
    ]);
    expect(await client.getFreeze('component:default/checkout')).toEqual({
      frozen: true,
      since: '2026-01-05T10:00:00Z',
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/deploy-gate/decisions?entityRef=component%3Adefault%2Fcheckout&limit=500',
      'http://backend/api/slo/policy?entityRef=component%3Adefault%2Fcheckout',
    ]);
  });

  it('throws the backend error', async () => {
    const client = new DeployGateClient({
      discoveryApi,
      fetchApi: {
        fetch: (async () =>
          new Response(JSON.stringify({ error: { message: 'nope' } }), {
            status: 503,
            statusText: 'Service Unavailable',
            headers: { 'content-type': 'application/json' },
          })) as any,
      },
    });
    await expect(
      client.getDecisions('component:default/checkout'),
    ).rejects.toThrow(/503/);
  });
});
