import { SloClient } from './SloClient';
import { objectivesResponse } from '../testUtils/fixtures';

function client(response: Response) {
  const fetch = jest.fn(async (_url: string) => response);
  const sloClient = new SloClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://localhost:7007/api/${id}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { sloClient, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('SloClient', () => {
  it('reads /objectives for an entity', async () => {
    const { sloClient, fetch } = client(json(objectivesResponse));
    await expect(
      sloClient.getObjectives({
        entityRef: 'component:default/checkout-service',
      }),
    ).resolves.toEqual(objectivesResponse);
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/slo/objectives?entityRef=component%3Adefault%2Fcheckout-service',
    );
  });

  it('sends deployments as <id>@<instant>', async () => {
    const { sloClient, fetch } = client(json({ entityRef: 'x', impacts: [] }));
    await sloClient.getDeploymentImpact({
      entityRef: 'component:default/checkout-service',
      deployments: [
        { id: 'github/d1', at: '2026-01-14T12:00:00.000Z' },
        { id: 'argocd/sync-7', at: '2026-01-20T00:00:00.000Z' },
      ],
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/slo/deployment-impact');
    expect(url.searchParams.get('deployments')).toBe(
      'github/d1@2026-01-14T12:00:00.000Z,argocd/sync-7@2026-01-20T00:00:00.000Z',
    );
  });

  it('asks for the rules as a YAML rules file', async () => {
    const { sloClient, fetch } = client(
      new Response('groups: []\n', {
        headers: { 'content-type': 'text/yaml' },
      }),
    );
    await sloClient.getDocument({
      entityRef: 'component:default/a',
      document: 'rules',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/slo/rules?entityRef=component%3Adefault%2Fa&format=yaml',
    );
  });

  it('throws the backend error', async () => {
    const { sloClient } = client(
      json(
        { error: { name: 'InputError', message: 'entityRef is required' } },
        400,
      ),
    );
    await expect(sloClient.getStatus({ entityRef: '' })).rejects.toThrow(/400/);
  });

  it('fetches the OpenSLO export as text', async () => {
    const { sloClient, fetch } = client(
      new Response('apiVersion: openslo/v1\n', {
        headers: { 'content-type': 'application/yaml' },
      }),
    );
    await expect(
      sloClient.getDocument({
        entityRef: 'component:default/a',
        document: 'openslo',
      }),
    ).resolves.toEqual({
      text: 'apiVersion: openslo/v1\n',
      contentType: 'application/yaml',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/slo/openslo?entityRef=component%3Adefault%2Fa',
    );
  });
});
