/*
 * GitHub down, end to end through the delivery backend: after a good pull, pulls that
 * meet 500s, an HTML error page, a rate limit, or an API that never answers. The last
 * good data stays listed, GET /sources marks the source stale with the error and since
 * when, a 429's Retry-After is waited out, and a later good pull clears the staleness.
 * (pull.test.ts and client.test.ts hold the retry rules one by one.)
 */
import { mockServices } from '@backstage/backend-test-utils';
import { scheduledTask } from '@internal/backstage-plugin-delivery-node/testUtils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { examplesOf } from './__testUtils__/examples';
import {
  helloWorld,
  PULL_TASK_ID,
  useGithubBackend,
} from './__testUtils__/scenario';

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
  http.get(`${API}/Codertocat/Hello-World/pulls`, () => HttpResponse.json([])),
  http.get(`${API}/Codertocat/Hello-World/commits/:sha`, () =>
    HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
  ),
);

describe('GitHub source faults', () => {
  const scheduler = mockServices.scheduler.mock();
  const { read, deploymentsOf } = useGithubBackend({
    databaseId: 'SQLITE_3',
    api: github,
    entities: [helloWorld],
    secret: 'faults-secret',
    token: 'ghp_faults',
    github: { requestTimeout: { seconds: 1 } },
    scheduler,
  });

  const pull = async () => {
    try {
      await scheduledTask(scheduler, PULL_TASK_ID).fn(
        new AbortController().signal,
      );
    } catch {
      // a failed pull is reported through /sources, which is what is checked
    }
  };
  const source = async () =>
    (await read('/sources')).items.find(
      (s: { source: string }) => s.source === 'github',
    );
  const deploymentIds = async () =>
    (await deploymentsOf('hello-world')).map(d => d.id);

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
