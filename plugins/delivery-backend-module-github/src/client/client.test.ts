import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubClientFactory, rateLimitWaitMs } from './client';

const server = setupServer();
registerMswTestHooks(server);

const limited = (status: number, headers: Record<string, string>) => ({
  status,
  response: { headers },
});

describe('rateLimitWaitMs', () => {
  const now = 1_700_000_000_000;
  it('reads retry-after, then the reset time of an exhausted primary limit', () => {
    expect(rateLimitWaitMs(limited(429, { 'retry-after': '30' }), now)).toBe(
      30_000,
    );
    expect(
      rateLimitWaitMs(
        limited(403, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(now / 1000 + 90),
        }),
        now,
      ),
    ).toBe(90_000);
    expect(rateLimitWaitMs(limited(429, {}), now)).toBe(60_000);
  });

  it('leaves other errors alone', () => {
    expect(
      rateLimitWaitMs(limited(403, { 'x-ratelimit-remaining': '12' })),
    ).toBe(undefined);
    expect(rateLimitWaitMs(limited(500, { 'retry-after': '1' }))).toBe(
      undefined,
    );
    expect(rateLimitWaitMs(new Error('socket hang up'))).toBe(undefined);
  });
});

describe('createGithubClientFactory', () => {
  const config = new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
  });
  const url = 'https://api.github.com/repos/acme/shop';

  it('gives up at once on a wait longer than allowed, and without retry settings', async () => {
    let calls = 0;
    server.use(
      http.get(url, () => {
        calls++;
        return HttpResponse.json(
          { message: 'API rate limit exceeded' },
          { status: 429, headers: { 'retry-after': '3600' } },
        );
      }),
    );
    const sleep = jest.fn(async () => {});
    const logger = mockServices.logger.mock();
    const patient = await createGithubClientFactory({
      config,
      logger,
      retry: { attempts: 3, maxWaitMs: 120_000, sleep },
    })('https://github.com/acme/shop');
    await expect(
      patient!.repos.get({ owner: 'acme', repo: 'shop' }),
    ).rejects.toThrow(/rate limit/);
    const impatient = await createGithubClientFactory({ config, logger })(
      'https://github.com/acme/shop',
    );
    await expect(
      impatient!.repos.get({ owner: 'acme', repo: 'shop' }),
    ).rejects.toThrow(/rate limit/);
    expect(sleep).not.toHaveBeenCalled();
    expect(calls).toBe(2);
  });

  it('stops after the configured number of attempts', async () => {
    let calls = 0;
    server.use(
      http.get(url, () => {
        calls++;
        return HttpResponse.json(
          { message: 'secondary rate limit' },
          { status: 429, headers: { 'retry-after': '1' } },
        );
      }),
    );
    const sleep = jest.fn(async () => {});
    const client = await createGithubClientFactory({
      config,
      logger: mockServices.logger.mock(),
      retry: { attempts: 3, maxWaitMs: 120_000, sleep },
    })('https://github.com/acme/shop');
    await expect(
      client!.repos.get({ owner: 'acme', repo: 'shop' }),
    ).rejects.toThrow();
    expect(calls).toBe(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('has no client for a host without a token', async () => {
    const factory = createGithubClientFactory({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    });
    expect(await factory('https://github.com/acme/shop')).toBeUndefined();
    expect(await factory('https://gitlab.com/acme/shop')).toBeUndefined();
  });
});
