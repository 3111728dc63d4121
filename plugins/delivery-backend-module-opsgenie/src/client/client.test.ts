import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DateTime } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API_KEY,
  opsgenieHandlers,
  ReceivedRequest,
} from '../__testUtils__/opsgenieApi';
import { fullAlert } from '../__testUtils__/opsgenieExamples';
import { createOpsgenieApi, rateLimitWaitMs } from './client';

const server = setupServer();
registerMswTestHooks(server);

const logger = mockServices.logger.mock();
const QUERY = 'tag:"service:checkout"';

async function all(pages: AsyncGenerator<unknown[]>) {
  const items: { id: string }[] = [];
  for await (const page of pages) items.push(...(page as { id: string }[]));
  return items;
}

const alerts = ['a1', 'a2', 'a3', 'a4'].map((id, i) =>
  fullAlert({
    id,
    tinyId: String(i + 1),
    updatedAt: `2017-04-0${i + 1}T10:00:00.000Z`,
  }),
);

describe('createOpsgenieApi', () => {
  const api = (baseUrl = 'https://api.opsgenie.com') =>
    createOpsgenieApi({ apiKey: API_KEY, baseUrl, logger });

  it('reads alerts newest update first, following paging.next, until one is older than since', async () => {
    const received: ReceivedRequest[] = [];
    server.use(
      ...opsgenieHandlers(
        { alerts, matches: { [QUERY]: ['a1', 'a2', 'a3', 'a4'] }, maxLimit: 2 },
        received,
      ),
    );
    const listed = await all(
      api().listAlerts(QUERY, DateTime.fromISO('2017-04-02T00:00:00Z')),
    );
    expect(listed.map(a => a.id)).toEqual(['a4', 'a3', 'a2']);
    // The second page held a1, older than since: no third request.
    expect(received.map(r => r.params.get('offset'))).toEqual(['0', '2']);
    expect(received[0].params.get('query')).toBe(QUERY);
    expect(received[0].params.get('sort')).toBe('updatedAt');
    expect(received[0].params.get('order')).toBe('desc');
  });

  it('reads one alert in full from the EU instance', async () => {
    server.use(
      ...opsgenieHandlers(
        { alerts, matches: {} },
        [],
        'https://api.eu.opsgenie.com',
      ),
    );
    expect(
      await api('https://api.eu.opsgenie.com').getAlert('a2'),
    ).toMatchObject({
      id: 'a2',
      description: 'Example description',
      details: { serverName: 'Zion', region: 'Oregon' },
    });
  });

  it('waits as long as a 429 says, then goes on', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.opsgenie.com/v2/alerts/a1', () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { message: 'Too many requests', took: 0, requestId: 'x' },
              { status: 429, headers: { 'Retry-After': '9' } },
            )
          : HttpResponse.json({ data: alerts[0], took: 0, requestId: 'y' });
      }),
    );
    const sleep = jest.fn(async () => {});
    const patient = createOpsgenieApi({
      apiKey: API_KEY,
      baseUrl: 'https://api.opsgenie.com',
      logger,
      retry: { attempts: 3, maxWaitMs: 60_000, sleep },
    });
    expect(await patient.getAlert('a1')).toMatchObject({ id: 'a1' });
    expect(sleep).toHaveBeenCalledWith(9000);
    expect(rateLimitWaitMs(new Headers())).toBe(60_000);
  });

  it("names the call, the status and Opsgenie's message of a failure, never the key", async () => {
    server.use(
      ...opsgenieHandlers({ alerts, matches: {}, failing: { a1: 503 } }),
    );
    const error = (await api()
      .getAlert('a1')
      .catch((e: Error) => e)) as Error;
    expect(error.message).toBe('GET /v2/alerts/a1: 503 Internal Server Error');
    const unauthorized = (await createOpsgenieApi({
      apiKey: 'wrong',
      baseUrl: 'https://api.opsgenie.com',
      logger,
    })
      .getAlert('a1')
      .catch((e: Error) => e)) as Error;
    expect(unauthorized.message).toBe(
      'GET /v2/alerts/a1: 401 Could not authenticate',
    );
    expect(unauthorized.message).not.toContain(API_KEY);
  });
});
