/*
 * GitHub down, end to end through the delivery backend: after a good pull, pulls that
 * meet 500s, an HTML error page, a rate limit, or an API that never answers. The last
 * good data stays listed, GET /sources marks the source stale with the error and since
 * when, a 429's Retry-After is waited out, and a later good pull clears the staleness.
 * (pull.test.ts and client.test.ts hold the retry rules one by one.)
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import deliveryPlugin from '@internal/backstage-plugin-delivery-backend';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AddressInfo } from 'node:net';
import { examplesOf } from './__testUtils__/examples';
import { deliveryModuleGithub } from './module';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'codertocat/hello-world' },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

type Mode = 'ok' | '500' | 'html' | '429-then-ok' | 'hang';
let mode: Mode = 'ok';
const repoCalls: number[] = [];
const example = examplesOf('deployment_status')[0];
const API = 'https://api.github.com/repos';

const github = setupServer(
  http.get(`${API}/codertocat/hello-world`, async () => {
    repoCalls.push(Date.now());
    switch (mode) {
      case '500':
        return HttpResponse.json({ message: 'Server Error' }, { status: 500 });
      case 'html':
        return new HttpResponse(
          '<html><body>Unicorn! Try again</body></html>',
          {
            status: 200,
            headers: { 'Content-Type': 'text/html' },
          },
        );
      case '429-then-ok':
        if (repoCalls.length % 2 === 1) {
          return HttpResponse.json(
            { message: 'API rate limit exceeded' },
            { status: 429, headers: { 'Retry-After': '1' } },
          );
        }
        return HttpResponse.json(example.repository);
      case 'hang':
        await delay('infinite');
        return HttpResponse.json(example.repository);
      default:
        return HttpResponse.json(example.repository);
    }
  }),
  http.get(`${API}/Codertocat/Hello-World/deployments`, () =>
    HttpResponse.json([
      { ...example.deployment, id: 7001, created_at: new Date().toISOString() },
    ]),
  ),
  http.get(`${API}/Codertocat/Hello-World/deployments/7001/statuses`, () =>
    HttpResponse.json([{ ...example.deployment_status, state: 'success' }]),
  ),
  http.get(`${API}/Codertocat/Hello-World/actions/workflows`, () =>
    HttpResponse.json({ total_count: 0, workflows: [] }),
  ),
  http.get(`${API}/Codertocat/Hello-World/issues`, () => HttpResponse.json([])),
  http.get(`${API}/Codertocat/Hello-World/commits/:sha`, () =>
    HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
  ),
);

describe('GitHub source faults', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;
  const scheduler = mockServices.scheduler.mock();
  const auth = { Authorization: mockCredentials.user.header() };

  beforeAll(async () => {
    github.listen({
      // Only the backends under test are reached for real (loopback); any other
      // host is refused at once, so a test never talks to the internet.
      onUnhandledRequest: (request, print) => {
        const { hostname } = new URL(request.url);
        if (hostname !== 'localhost' && hostname !== '127.0.0.1') print.error();
      },
    });
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        deliveryModuleGithub,
        catalogServiceMock.factory({ entities }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_faults' }],
            },
            delivery: { github: { requestTimeout: { seconds: 1 } } },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop();
    github.close();
  }, 30_000);

  const pull = async () => {
    const task = scheduler.scheduleTask.mock.calls
      .map(([definition]) => definition)
      .find(definition => definition.id === 'delivery-github-pull')!;
    try {
      await task.fn(new AbortController().signal);
    } catch {
      // a failed pull is reported through /sources, which is what is checked
    }
  };
  const read = async (path: string) =>
    (await fetch(`${baseUrl}/api/delivery${path}`, { headers: auth })).json();
  const source = async () =>
    (await read('/sources')).items.find(
      (s: { source: string }) => s.source === 'github',
    );
  const deploymentIds = async () =>
    (
      await read('/deployments?entityRef=component:default/hello-world')
    ).items.map((d: { id: string }) => d.id);

  it('keeps the last good data and marks the source stale while GitHub fails, until a pull succeeds again', async () => {
    await pull();
    expect(await deploymentIds()).toEqual([
      'Codertocat/Hello-World/deployments/7001',
    ]);
    const good = await source();
    expect(good).toMatchObject({ stale: false, failing: [] });

    for (const [failure, message] of [
      ['500', /500|Server Error/],
      ['html', /./],
      ['hang', /did not answer within 1000 ms/],
    ] as const) {
      mode = failure;
      const started = Date.now();
      await pull();
      // The hanging API is given up after the 1 s request timeout, not the task's 10 min.
      expect(Date.now() - started).toBeLessThan(10_000);
      const stale = await source();
      expect({ failure, ...stale }).toMatchObject({
        failure,
        stale: true,
        failing: ['pull'],
        lastSuccessAt: good.lastSuccessAt,
        staleSince: good.lastSuccessAt,
      });
      expect(stale.lastError).toMatch(message);
      // The last good data stays.
      expect(await deploymentIds()).toEqual([
        'Codertocat/Hello-World/deployments/7001',
      ]);
    }

    // Rate limited: the pull waits the second Retry-After names, then succeeds.
    mode = '429-then-ok';
    repoCalls.length = 0;
    await pull();
    expect(repoCalls.length).toBe(2);
    expect(repoCalls[1] - repoCalls[0]).toBeGreaterThanOrEqual(950);
    expect(await source()).toMatchObject({ stale: false, failing: [] });
  }, 60_000);
});
