import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DateTime, Duration } from 'luxon';
import { setupServer } from 'msw/node';
import {
  API_KEY,
  FakeOpsgenie,
  opsgenieHandlers,
  ReceivedRequest,
} from '../__testUtils__/opsgenieApi';
import { fullAlert } from '../__testUtils__/opsgenieExamples';
import { createOpsgenieApi } from '../client/client';
import { OpsgeniePull } from './pull';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

const server = setupServer();
registerMswTestHooks(server);

const CHECKOUT = 'tag:"service:checkout"';
const PAYMENTS = 'teams:"Payments"';

function fakeSink() {
  return mockDeliveryEventSink();
}

describe('OpsgeniePull', () => {
  let now = DateTime.fromISO('2017-04-10T00:00:00Z', { zone: 'utc' });
  const logger = mockServices.logger.mock();
  /** The client on the faked Alert API. */
  const opsgenieApi = () =>
    createOpsgenieApi({
      apiKey: API_KEY,
      baseUrl: 'https://api.opsgenie.com',
      logger,
    });
  const received: ReceivedRequest[] = [];
  const fake: FakeOpsgenie = {
    alerts: [
      fullAlert({
        id: 'checkout-1',
        tinyId: '11',
        message: 'Checkout 5xx',
        status: 'open',
        createdAt: '2017-04-05T09:00:00.000Z',
        updatedAt: '2017-04-05T09:10:00.000Z',
        details: { deployment_id: 'acme/checkout/runs/5' },
      }),
      fullAlert({
        id: 'shared-1',
        tinyId: '12',
        message: 'Payment provider down',
        updatedAt: '2017-04-06T09:00:00.000Z',
      }),
      fullAlert({
        id: 'ancient',
        tinyId: '13',
        updatedAt: '2017-03-01T00:00:00.000Z',
      }),
    ],
    matches: {
      [CHECKOUT]: ['checkout-1', 'shared-1', 'ancient'],
      [PAYMENTS]: ['shared-1'],
    },
  };

  beforeEach(() => {
    received.length = 0;
    server.use(...opsgenieHandlers(fake, received));
  });

  const sink = fakeSink();
  const pull = new OpsgeniePull({
    api: opsgenieApi(),
    selectors: async () => [
      { entityRef: 'component:default/checkout', query: CHECKOUT },
      { entityRef: 'component:default/ledger', query: PAYMENTS },
    ],
    sink,
    lookback: Duration.fromObject({ days: 14 }),
    webUrl: 'https://acme.app.opsgenie.com',
    logger,
    now: () => now,
  });

  it('stores what one component claims with its deployment, reports what several claim or none', async () => {
    const result = await pull.run([
      { id: 'checkout-1', tinyId: '11' },
      { id: 'elsewhere', tinyId: '99', message: 'Disk full on db-3' },
    ]);
    expect(result).toEqual({
      counts: { stored: 1, ambiguous: 1, unclaimed: 1 },
      failures: [],
    });
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        kind: 'incident',
        source: 'opsgenie',
        id: 'checkout-1',
        entityRef: 'component:default/checkout',
        title: 'Checkout 5xx',
        severity: 'P4',
        openedAt: '2017-04-05T09:00:00.000Z',
        resolvedAt: undefined,
        deploymentId: 'acme/checkout/runs/5',
        url: 'https://acme.app.opsgenie.com/alert/detail/checkout-1/details',
      },
    ]);
    expect(sink.reportUnmatched.mock.calls.map(([event]) => event)).toEqual([
      {
        source: 'opsgenie',
        key: 'alert #12',
        reason:
          'ambiguous: the alert queries of several components match alert #12 "Payment provider down": component:default/checkout, component:default/ledger',
      },
      {
        source: 'opsgenie',
        key: 'alert #99',
        reason:
          'no component\'s opsgenie.com/component-selector (or opsgenie.com/team) matches alert #99 "Disk full on db-3"',
      },
    ]);
    // The first pull reads the 14-day lookback (from 2017-03-27).
    expect(received.filter(r => r.path === '/v2/alerts')).toHaveLength(2);
  });

  it('then reads only what changed since, and retries a component whose query failed', async () => {
    sink.ingest.mockClear();
    now = DateTime.fromISO('2017-04-10T00:30:00Z', { zone: 'utc' });
    fake.alerts[0] = {
      ...fake.alerts[0],
      status: 'closed',
      updatedAt: '2017-04-10T00:20:00.000Z',
      report: { closeTime: 3_600_000 },
    };
    fake.failing = { [PAYMENTS]: 503 };
    const result = await pull.run();
    expect(result.failures).toEqual([
      'component:default/ledger: GET /v2/alerts: 503 Internal Server Error',
    ]);
    expect(sink.ingest).toHaveBeenCalledTimes(1);
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'checkout-1',
        resolvedAt: '2017-04-05T10:00:00.000Z',
      }),
    ]);
    // Only the changed alert came back: the list stopped at the first older one.
    expect(
      received.filter(r => r.path.startsWith('/v2/alerts/')).map(r => r.path),
    ).toEqual(['/v2/alerts/checkout-1']);
    fake.failing = undefined;
  });

  it('claims an alert once when offset paging lists it twice', async () => {
    const sink2 = fakeSink();
    const twice = fullAlert({
      id: 'moved',
      tinyId: '21',
      status: 'open',
      updatedAt: '2017-04-09T00:00:00.000Z',
    });
    server.use(
      ...opsgenieHandlers({
        alerts: [twice, { ...twice }],
        matches: { [CHECKOUT]: ['moved'] },
      }),
    );
    const result = await new OpsgeniePull({
      api: opsgenieApi(),
      selectors: async () => [
        { entityRef: 'component:default/checkout', query: CHECKOUT },
      ],
      sink: sink2,
      lookback: Duration.fromObject({ days: 14 }),
      logger,
      now: () => now,
    }).run();
    expect(result.counts).toEqual({ stored: 1, ambiguous: 0, unclaimed: 0 });
    expect(sink2.reportUnmatched).not.toHaveBeenCalled();
  });
});
