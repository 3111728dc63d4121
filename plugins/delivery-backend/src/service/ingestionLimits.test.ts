/*
 * The limits on POST /events: body size (413 naming the configured limit) and the
 * per-caller rate limit (429 with Retry-After, one bucket per principal).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { readDeliveryConfig } from '../config';
import { deliveryPlugin } from '../plugin';
import { principalKey, RateLimiter } from './guards';

describe('RateLimiter', () => {
  it('lets a caller burst up to the limit, then refills one request per window/requests', () => {
    let now = 0;
    // 3 requests a minute: one token every 20 s.
    const limiter = new RateLimiter(
      { requests: 3, windowMs: 60_000 },
      () => now,
    );
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([
      true,
      true,
      true,
    ]);
    expect(limiter.take('a')).toEqual({
      allowed: false,
      retryAfterSeconds: 20,
    });
    expect(limiter.take('b').allowed).toBe(true); // another caller, its own bucket
    now = 5_000; // a quarter of a token back: 15 s to wait
    expect(limiter.take('a')).toEqual({
      allowed: false,
      retryAfterSeconds: 15,
    });
    now = 20_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off with 0 requests', () => {
    const limiter = new RateLimiter({ requests: 0, windowMs: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
  });

  it('keys callers by principal: user, or service subject', () => {
    expect(principalKey(mockCredentials.user('user:default/alice'))).toBe(
      'user:user:default/alice',
    );
    expect(
      principalKey(mockCredentials.service('external:ci-deployments')),
    ).toBe('service:external:ci-deployments');
  });
});

describe('delivery.ingestion config', () => {
  it('defaults to 10mb and 600 requests a minute, and reads both', () => {
    expect(readDeliveryConfig(new ConfigReader({})).ingestion).toEqual({
      bodyLimit: '10mb',
      rateLimit: { requests: 600, windowMs: 60_000 },
    });
    expect(
      readDeliveryConfig(
        new ConfigReader({
          delivery: {
            ingestion: {
              bodyLimit: '512kb',
              rateLimit: { requests: 50, window: { seconds: 10 } },
            },
          },
        }),
      ).ingestion,
    ).toEqual({
      bodyLimit: '512kb',
      rateLimit: { requests: 50, windowMs: 10_000 },
    });
  });

  it('refuses a size it cannot read and a negative rate', () => {
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({ delivery: { ingestion: { bodyLimit: 'huge' } } }),
      ),
    ).toThrow(
      "delivery.ingestion.bodyLimit: 'huge' is not a size like 10mb or 512kb",
    );
    expect(() =>
      readDeliveryConfig(
        new ConfigReader({
          delivery: { ingestion: { rateLimit: { requests: -1 } } },
        }),
      ),
    ).toThrow('delivery.ingestion.rateLimit.requests: must be a whole number');
  });
});

describe('POST /events limits', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            delivery: {
              ingestion: {
                bodyLimit: '2kb',
                rateLimit: { requests: 3, window: { minutes: 1 } },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop());

  const post = (header: string, body: unknown = { events: [] }) =>
    request(server)
      .post('/api/delivery/events')
      .set({ Authorization: header })
      .send(body as object);

  it('answers a body over the configured limit 413, naming it', async () => {
    const response = await post(
      mockCredentials.user.header('user:default/big'),
      {
        events: [{ title: 'x'.repeat(3000) }],
      },
    );
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({
      name: 'PayloadTooLargeError',
      statusCode: 413,
      message:
        'body: larger than the limit of 2kb (delivery.ingestion.bodyLimit); send fewer events per request',
    });
  });

  it('answers the fourth request of a caller within the minute 429 with Retry-After, other callers unaffected', async () => {
    const alice = mockCredentials.user.header('user:default/alice');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(alice)).status);
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await post(alice);
    expect(limited.status).toBe(429);
    // 3 a minute refill one every 20 s; a few ms passed since the third.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(19);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(limited.body.error.message).toMatch(
      /^rate limit: at most 3 POST \/events requests per 60 s per caller \(delivery\.ingestion\.rateLimit\); retry after (19|20) s$/,
    );

    expect(
      (await post(mockCredentials.user.header('user:default/bob'))).status,
    ).toBe(200);
    expect((await post(mockCredentials.service.header())).status).toBe(200);
    // Reads are not limited.
    expect(
      (
        await request(server)
          .get('/api/delivery/sources')
          .set({ Authorization: alice })
      ).status,
    ).toBe(200);
  });
});
