import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  applicationResponse,
  errorResponse,
  rolloutTree,
  serveArgocd,
} from '../__testUtils__/argocdApi';
import { createArgocdClient, retryAfterMs } from './client';

const server = setupServer();
registerMswTestHooks(server);

const URL_ = 'https://argocd.example.com';
const checkout = applicationResponse({
  name: 'checkout',
  labels: { app: 'checkout' },
  destination: {
    server: 'https://kubernetes.default.svc',
    namespace: 'checkout',
  },
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2024-05-16T08:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 16 May 2024 08:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs(null, now)).toBe(30_000);
  });
});

describe('createArgocdClient', () => {
  it('sends the API token as a bearer token and reads applications', async () => {
    const requests: { url: string; authorization: string | null }[] = [];
    server.use(
      ...serveArgocd({ url: URL_, token: 't0k3n', apps: [checkout], requests }),
    );
    const client = createArgocdClient({
      instance: { name: 'argo', url: URL_, credentials: { token: 't0k3n' } },
    });
    const app = await client.getApplication('checkout');
    expect(app?.metadata).toEqual({
      name: 'checkout',
      namespace: 'argocd',
      labels: { app: 'checkout' },
    });
    const list = await client.listApplications({ selector: 'app=checkout' });
    expect(list.items.map(a => a.metadata.name)).toEqual(['checkout']);
    expect(await client.getApplication('nope')).toBeUndefined();
    expect(requests).toEqual([
      {
        url: `${URL_}/api/v1/applications/checkout`,
        authorization: 'Bearer t0k3n',
      },
      {
        url: `${URL_}/api/v1/applications?selector=app%3Dcheckout`,
        authorization: 'Bearer t0k3n',
      },
      {
        url: `${URL_}/api/v1/applications/nope`,
        authorization: 'Bearer t0k3n',
      },
    ]);
  });

  it('waits as long as a 429 says, then gives up after three attempts', async () => {
    let calls = 0;
    server.use(
      http.get(`${URL_}/api/v1/applications`, () => {
        calls++;
        return calls < 3
          ? HttpResponse.json(errorResponse('too many requests', 8), {
              status: 429,
              headers: { 'Retry-After': String(calls * 2) },
            })
          : HttpResponse.json({ metadata: {}, items: [checkout] });
      }),
    );
    const waits: number[] = [];
    const client = createArgocdClient({
      instance: { name: 'argo', url: URL_, credentials: { token: 't' } },
      retry: {
        attempts: 3,
        maxWaitMs: 120_000,
        sleep: async ms => {
          waits.push(ms);
        },
      },
    });
    expect((await client.listApplications({})).items).toHaveLength(1);
    expect(waits).toEqual([2000, 4000]);

    calls = 0;
    server.use(
      http.get(`${URL_}/api/v1/applications`, () => {
        calls++;
        return new HttpResponse(null, {
          status: 429,
          statusText: 'Too Many Requests',
          headers: { 'Retry-After': '1' },
        });
      }),
    );
    await expect(client.listApplications({})).rejects.toThrow(
      `GET ${URL_}/api/v1/applications: 429 Too Many Requests`,
    );
    expect(calls).toBe(3);
  });

  it('does not wait longer than allowed, nor at all without a retry policy', async () => {
    server.use(
      http.get(
        `${URL_}/api/v1/applications`,
        () =>
          new HttpResponse(null, {
            status: 429,
            statusText: 'Too Many Requests',
            headers: { 'Retry-After': '3600' },
          }),
      ),
    );
    const sleep = jest.fn(async () => {});
    const instance = { name: 'argo', url: URL_, credentials: { token: 't' } };
    await expect(
      createArgocdClient({
        instance,
        retry: { attempts: 3, maxWaitMs: 120_000, sleep },
      }).listApplications({}),
    ).rejects.toThrow('429');
    await expect(
      createArgocdClient({ instance }).listApplications({}),
    ).rejects.toThrow('429');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('logs in with a username and password, and again once the session expires', async () => {
    const sessions: unknown[] = [];
    let valid = 'session-1';
    server.use(
      http.post(`${URL_}/api/v1/session`, async ({ request }) => {
        sessions.push(await request.json());
        return HttpResponse.json({ token: valid });
      }),
      http.get(`${URL_}/api/v1/applications/checkout`, ({ request }) =>
        request.headers.get('authorization') === `Bearer ${valid}`
          ? HttpResponse.json(checkout)
          : HttpResponse.json(errorResponse('token is expired', 16), {
              status: 401,
            }),
      ),
    );
    const client = createArgocdClient({
      instance: {
        name: 'argo',
        url: URL_,
        credentials: { username: 'backstage', password: 'pw' },
      },
    });
    await client.getApplication('checkout');
    await client.getApplication('checkout');
    expect(sessions).toEqual([{ username: 'backstage', password: 'pw' }]);
    valid = 'session-2';
    expect((await client.getApplication('checkout'))?.metadata.name).toBe(
      'checkout',
    );
    expect(sessions).toHaveLength(2);
  });

  it('describes failures without credentials, and lists invalid items apart', async () => {
    server.use(
      http.get(
        `${URL_}/api/v1/applications/:name`,
        () =>
          new HttpResponse('upstream connect error', {
            status: 503,
            statusText: 'Service Unavailable',
          }),
      ),
      http.get(`${URL_}/api/v1/applications`, () =>
        HttpResponse.json({
          metadata: {},
          items: [checkout, { metadata: { name: 'broken' }, spec: {} }],
        }),
      ),
    );
    const client = createArgocdClient({
      instance: {
        name: 'argo',
        url: URL_,
        credentials: { token: 'secret-token' },
      },
    });
    const failure = client.getApplication('checkout');
    await expect(failure).rejects.toThrow(
      `GET ${URL_}/api/v1/applications/checkout: 503 Service Unavailable`,
    );
    await expect(failure).rejects.not.toThrow('secret-token');
    expect(await client.listApplications({ project: 'shop' })).toEqual({
      items: [
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'checkout' }),
        }),
      ],
      invalid: [
        'broken: metadata.namespace: Invalid input: expected string, received undefined',
      ],
    });
  });

  it('reads revision metadata with the application namespace and source index', async () => {
    let query = '';
    server.use(
      http.get(
        `${URL_}/api/v1/applications/shop/revisions/:revision/metadata`,
        ({ request }) => {
          query = new URL(request.url).search;
          return HttpResponse.json({
            author: 'Jane Doe <jane@example.com>',
            date: '2024-05-15T12:58:20Z',
            tags: null,
            message: 'Raise checkout timeout',
          });
        },
      ),
    );
    const client = createArgocdClient({
      instance: { name: 'argo', url: URL_, credentials: { token: 't' } },
    });
    expect(
      await client.getRevisionMetadata(
        { name: 'shop', namespace: 'team-shop', project: 'shop' },
        '53e28ff20cc530b9ada2173fbbd64d48338583ba',
        1,
      ),
    ).toEqual({
      author: 'Jane Doe <jane@example.com>',
      date: '2024-05-15T12:58:20Z',
      message: 'Raise checkout timeout',
    });
    expect(query).toBe('?appNamespace=team-shop&project=shop&sourceIndex=1');
  });

  it('reads an application’s resource tree and a live resource, with the application’s namespace and project', async () => {
    const requests: { url: string; authorization: string | null }[] = [];
    const rollout = {
      metadata: { name: 'checkout' },
      status: { phase: 'Paused' },
    };
    server.use(
      ...serveArgocd({
        url: URL_,
        token: 't',
        apps: [checkout],
        requests,
        resources: {
          checkout: {
            nodes: rolloutTree({
              namespace: 'checkout',
              rollout: 'checkout',
              createdAt: '2024-01-08T16:46:02Z',
              replicaSets: [
                {
                  podHash: '6c54544bb9',
                  revision: '6',
                  createdAt: '2024-05-15T13:30:41Z',
                },
              ],
            }),
            live: { 'Rollout/checkout/checkout': rollout },
          },
        },
      }),
    );
    const client = createArgocdClient({
      instance: { name: 'argo', url: URL_, credentials: { token: 't' } },
    });
    const app = { name: 'checkout', namespace: 'argocd', project: 'shop' };
    const tree = await client.getResourceTree(app);
    expect(tree.map(n => [n.kind, n.name, n.createdAt])).toEqual([
      ['Rollout', 'checkout', '2024-01-08T16:46:02Z'],
      ['ReplicaSet', 'checkout-6c54544bb9', '2024-05-15T13:30:41Z'],
    ]);
    expect(tree[1].parentRefs).toEqual([
      expect.objectContaining({
        group: 'argoproj.io',
        kind: 'Rollout',
        name: 'checkout',
      }),
    ]);
    const ref = {
      group: 'argoproj.io',
      version: 'v1alpha1',
      kind: 'Rollout',
      namespace: 'checkout',
    };
    expect(await client.getResource(app, { ...ref, name: 'checkout' })).toEqual(
      rollout,
    );
    // Gone from the cluster: Argo CD answers 404.
    expect(
      await client.getResource(app, { ...ref, name: 'worker' }),
    ).toBeUndefined();
    expect(requests.map(r => r.url)).toEqual([
      `${URL_}/api/v1/applications/checkout/resource-tree?appNamespace=argocd&project=shop`,
      `${URL_}/api/v1/applications/checkout/resource?namespace=checkout&resourceName=checkout&version=v1alpha1&group=argoproj.io&kind=Rollout&appNamespace=argocd&project=shop`,
      `${URL_}/api/v1/applications/checkout/resource?namespace=checkout&resourceName=worker&version=v1alpha1&group=argoproj.io&kind=Rollout&appNamespace=argocd&project=shop`,
    ]);
  });

  it('skips tree nodes it cannot read and refuses a manifest that is not JSON', async () => {
    server.use(
      http.get(`${URL_}/api/v1/applications/shop/resource-tree`, () =>
        HttpResponse.json({
          nodes: [
            {
              kind: 'Rollout',
              name: 'shop',
              namespace: 'shop',
              createdAt: 'yesterday',
            },
            { kind: 'Service', name: 'shop', namespace: 'shop' },
          ],
        }),
      ),
      http.get(`${URL_}/api/v1/applications/shop/resource`, () =>
        HttpResponse.json({ manifest: 'apiVersion: v1' }),
      ),
    );
    const client = createArgocdClient({
      instance: { name: 'argo', url: URL_, credentials: { token: 't' } },
    });
    const app = { name: 'shop', namespace: 'argocd' };
    expect(await client.getResourceTree(app)).toEqual([
      { kind: 'Service', name: 'shop', namespace: 'shop' },
    ]);
    await expect(
      client.getResource(app, {
        group: '',
        version: 'v1',
        kind: 'Service',
        namespace: 'shop',
        name: 'shop',
      }),
    ).rejects.toThrow(
      `GET ${URL_}/api/v1/applications/shop/resource?namespace=shop&resourceName=shop&version=v1&group=&kind=Service&appNamespace=argocd: the manifest is not JSON`,
    );
  });
});
