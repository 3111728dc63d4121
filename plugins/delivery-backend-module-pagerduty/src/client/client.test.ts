import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DateTime } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API_TOKEN,
  pagerDutyHandlers,
  ReceivedRequest,
} from '../__testUtils__/pagerdutyApi';
import {
  restIncident,
  serviceWithIntegration,
} from '../__testUtils__/pagerdutyExamples';
import { createPagerDutyApi, rateLimitWaitMs } from './client';
import { serviceWithIntegrationKey } from './services';

const server = setupServer();
registerMswTestHooks(server);

const logger = mockServices.logger.mock();
const since = DateTime.fromISO('2015-10-01T00:00:00Z');
const until = DateTime.fromISO('2015-10-15T00:00:00Z');

async function all<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

describe('rateLimitWaitMs', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it('reads Retry-After, then ratelimit-reset, else waits a minute', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '7' }))).toBe(7000);
    expect(rateLimitWaitMs(headers({ 'ratelimit-reset': '12' }))).toBe(12000);
    expect(rateLimitWaitMs(headers({}))).toBe(60_000);
  });
});

describe('createPagerDutyApi', () => {
  const api = (
    options: Partial<Parameters<typeof createPagerDutyApi>[0]> = {},
  ) =>
    createPagerDutyApi({
      token: API_TOKEN,
      baseUrl: 'https://api.pagerduty.com',
      logger,
      pdjsRetryPauseMs: 0,
      ...options,
    });

  it('lists incidents page by page following `more`, with the service, status and time filters', async () => {
    const received: ReceivedRequest[] = [];
    const incidents = ['P1', 'P2', 'P3'].map((id, i) =>
      restIncident({ id, created_at: `2015-10-0${i + 2}T10:00:00Z` }),
    );
    server.use(...pagerDutyHandlers({ incidents, maxLimit: 2 }, received));
    const listed = await all(
      api().listIncidents({ serviceIds: ['PIJ90N7', 'PX'], since, until }),
    );
    expect(listed.map(i => (i as { id: string }).id)).toEqual([
      'P1',
      'P2',
      'P3',
    ]);
    expect(received.map(r => r.params.get('offset'))).toEqual(['0', '2']);
    const params = received[0].params;
    expect(params.getAll('service_ids[]')).toEqual(['PIJ90N7', 'PX']);
    expect(params.getAll('statuses[]')).toEqual([
      'triggered',
      'acknowledged',
      'resolved',
    ]);
    expect(params.get('since')).toBe('2015-10-01T00:00:00.000Z');
    expect(params.get('until')).toBe('2015-10-15T00:00:00.000Z');
    expect(params.get('time_zone')).toBe('UTC');
  });

  it('waits as long as a 429 says, after pdjs gives up its own retries, then goes on', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.pagerduty.com/incidents/PT4KHLK/notes', () => {
        calls++;
        // pdjs retries a 429 three times by itself; the fourth reaches the module.
        return calls <= 4
          ? HttpResponse.json(
              { error: { message: 'Too Many Requests' } },
              { status: 429, headers: { 'ratelimit-reset': '7' } },
            )
          : HttpResponse.json({ notes: [] });
      }),
    );
    const sleep = jest.fn(async () => {});
    const notes = await api({
      retry: { attempts: 3, maxWaitMs: 60_000, sleep },
    }).listNotes('PT4KHLK');
    expect(notes).toEqual([]);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(7000);
    expect(calls).toBe(5);
  });

  it('fails a 429 at once without retry settings or when the wait is too long', async () => {
    server.use(
      http.get('https://api.pagerduty.com/incidents/PT4KHLK', () =>
        HttpResponse.json(
          { error: { message: 'Too Many Requests' } },
          { status: 429, headers: { 'retry-after': '3600' } },
        ),
      ),
    );
    const sleep = jest.fn(async () => {});
    await expect(
      api({ retry: { attempts: 3, maxWaitMs: 60_000, sleep } }).getIncident(
        'PT4KHLK',
      ),
    ).rejects.toThrow('GET /incidents/PT4KHLK: 429 Too Many Requests');
    await expect(api().getIncident('PT4KHLK')).rejects.toThrow(/429/);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('names the call and status of a failure, never the key', async () => {
    server.use(
      ...pagerDutyHandlers({
        incidents: [],
        failing: { '/incidents': 503 },
      }),
    );
    const error = await all(
      api().listIncidents({ serviceIds: ['PIJ90N7'], since, until }),
    ).catch(e => e);
    expect(error.message).toBe('GET /incidents: 503 Internal Server Error');
    expect(error.message).not.toContain(API_TOKEN);
    await expect(
      createPagerDutyApi({
        token: 'wrong',
        baseUrl: 'https://api.pagerduty.com',
        logger,
      }).getIncident('PT4KHLK'),
    ).rejects.toThrow('GET /incidents/PT4KHLK: 401 Unauthorized');
  });

  it('talks to the EU service region when configured', async () => {
    server.use(
      ...pagerDutyHandlers(
        { incidents: [restIncident()] },
        [],
        'https://api.eu.pagerduty.com',
      ),
    );
    const eu = api({ baseUrl: 'https://api.eu.pagerduty.com' });
    expect(await eu.getIncident('PT4KHLK')).toMatchObject({
      id: 'PT4KHLK',
      title: 'The server is on fire.',
    });
  });

  it('finds the service of an integration key among search results', async () => {
    server.use(
      ...pagerDutyHandlers({
        incidents: [],
        services: [
          serviceWithIntegration('PSVC001', 'key-one'),
          serviceWithIntegration('PSVC002', 'key-two'),
        ],
      }),
    );
    const services = await api().searchServices('key-two');
    expect(serviceWithIntegrationKey(services, 'key-two')).toBe('PSVC002');
    expect(serviceWithIntegrationKey(services, 'key-one')).toBe(undefined);
  });
});
