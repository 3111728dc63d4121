import { mockServices } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { basicAuth, JENKINS, JENKINS_EU } from '../__testUtils__/jenkinsApi';
import { JenkinsInstanceConfig } from '../config';
import { createJenkinsClient, jobApiPath } from './client';
import { DEFAULT_RETRY, JenkinsRequestError } from './retry';

const server = setupServer();
beforeAll(() =>
  server.listen({
    // A closed local port is requested on purpose; anything else is a bug.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const eu: JenkinsInstanceConfig = {
  name: 'eu',
  baseUrl: JENKINS_EU,
  username: 'bot',
  apiKey: 'token-eu',
  extraRequestHeaders: { 'X-Forwarded-User': 'backstage' },
};

function clientFor(instance: JenkinsInstanceConfig, timeoutMs = 1000) {
  const sleeps: number[] = [];
  const client = createJenkinsClient(instance, {
    retry: { ...DEFAULT_RETRY, sleep: async ms => void sleeps.push(ms) },
    logger: mockServices.logger.mock(),
    timeoutMs,
  });
  return { client, sleeps };
}

/** Counts requests to a path and answers them in turn. */
function serve(url: string, answers: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request);
      return answers[Math.min(seen.length, answers.length) - 1]();
    }),
  );
  return seen;
}

const json = () =>
  HttpResponse.json({ _class: 'hudson.model.FreeStyleProject' });

describe('jobApiPath', () => {
  it('nests folders and encodes each segment once more', () => {
    expect(jobApiPath('shop/feature%2Flogin')).toBe(
      '/job/shop/job/feature%252Flogin/api/json',
    );
  });
});

describe('createJenkinsClient', () => {
  it('GETs a folder job below the base path with the tree, basic auth and the extra headers', async () => {
    const seen = serve(`${JENKINS_EU}/job/payments/job/deploy/api/json`, [
      json,
    ]);
    const { client } = clientFor(eu);
    expect(
      await client.getJob('payments/deploy', 'allBuilds[number]{0,25}'),
    ).toEqual({ _class: 'hudson.model.FreeStyleProject' });
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0].url).searchParams.get('tree')).toBe(
      'allBuilds[number]{0,25}',
    );
    expect(seen[0].headers.get('authorization')).toBe(
      basicAuth('bot', 'token-eu'),
    );
    expect(seen[0].headers.get('x-forwarded-user')).toBe('backstage');
  });

  it('sends no authorization without credentials', async () => {
    const seen = serve(`${JENKINS}/job/open/api/json`, [json]);
    await clientFor({ name: 'default', baseUrl: JENKINS }).client.getJob(
      'open',
      '_class',
    );
    expect(seen[0].headers.get('authorization')).toBeNull();
  });

  it('waits as long as Retry-After says on 429 and 503, then succeeds', async () => {
    const seen = serve(`${JENKINS}/job/busy/api/json`, [
      () =>
        new HttpResponse(null, {
          status: 429,
          headers: { 'Retry-After': '7' },
        }),
      () =>
        new HttpResponse('<html>Jenkins is getting ready to work</html>', {
          status: 503,
          headers: { 'content-type': 'text/html' },
        }),
      json,
    ]);
    const { client, sleeps } = clientFor({ name: 'default', baseUrl: JENKINS });
    await expect(client.getJob('busy', '_class')).resolves.toEqual({
      _class: 'hudson.model.FreeStyleProject',
    });
    expect(seen).toHaveLength(3);
    // Retry-After first, then the backoff for the second retry.
    expect(sleeps).toEqual([7000, 2000]);
  });

  it('gives up after three attempts with the status in the message', async () => {
    const seen = serve(`${JENKINS}/job/down/api/json`, [
      () => new HttpResponse('Bad Gateway', { status: 502 }),
    ]);
    const { client, sleeps } = clientFor({ name: 'default', baseUrl: JENKINS });
    const error = await client.getJob('down', '_class').catch(e => e);
    expect(error).toBeInstanceOf(JenkinsRequestError);
    expect(error).toMatchObject({
      message: 'GET /job/down/api/json: 502 Bad Gateway',
      status: 502,
    });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('does not retry a wait longer than a minute', async () => {
    const seen = serve(`${JENKINS}/job/later/api/json`, [
      () =>
        new HttpResponse(null, {
          status: 503,
          headers: { 'Retry-After': '3600' },
        }),
    ]);
    const { client, sleeps } = clientFor({ name: 'default', baseUrl: JENKINS });
    await expect(client.getJob('later', '_class')).rejects.toMatchObject({
      status: 503,
    });
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('answers 404 at once, and refused credentials too', async () => {
    const missing = serve(`${JENKINS}/job/gone/api/json`, [
      () => new HttpResponse('<html>Not Found</html>', { status: 404 }),
    ]);
    const refused = serve(`${JENKINS}/job/secret/api/json`, [
      () => new HttpResponse('Unauthorized', { status: 401 }),
    ]);
    const { client, sleeps } = clientFor({ name: 'default', baseUrl: JENKINS });
    await expect(client.getJob('gone', '_class')).rejects.toMatchObject({
      message: 'GET /job/gone/api/json: 404 Not Found',
      status: 404,
    });
    await expect(client.getJob('secret', '_class')).rejects.toMatchObject({
      message: 'GET /job/secret/api/json: 401 Unauthorized',
      instanceWide: true,
    });
    expect([missing.length, refused.length, sleeps]).toEqual([1, 1, []]);
  });

  it('retries a request that times out, then reports Jenkins unreachable', async () => {
    const seen = serve(`${JENKINS}/job/slow/api/json`, [
      async () => {
        await delay(1000);
        return json();
      },
    ]);
    const { client, sleeps } = clientFor(
      { name: 'default', baseUrl: JENKINS },
      50,
    );
    await expect(client.getJob('slow', '_class')).rejects.toMatchObject({
      message: 'GET /job/slow/api/json: no answer within 50 ms',
      unreachable: true,
    });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('reports a refused connection as unreachable', async () => {
    const { client } = clientFor({
      name: 'default',
      baseUrl: 'http://127.0.0.1:1',
    });
    await expect(client.getJob('any', '_class')).rejects.toMatchObject({
      message: 'GET /job/any/api/json: ECONNREFUSED',
      unreachable: true,
    });
  });

  it('refuses an answer that is not JSON, such as a login page', async () => {
    serve(`${JENKINS}/job/sso/api/json`, [
      () =>
        new HttpResponse('<html>Sign in</html>', {
          headers: { 'content-type': 'text/html' },
        }),
    ]);
    const { client } = clientFor({ name: 'default', baseUrl: JENKINS });
    await expect(client.getJob('sso', '_class')).rejects.toMatchObject({
      message: 'GET /job/sso/api/json: the answer is not Jenkins JSON',
    });
  });
});
