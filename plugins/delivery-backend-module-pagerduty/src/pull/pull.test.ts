import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DateTime, Duration } from 'luxon';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  API_TOKEN,
  pagerDutyHandlers,
  ReceivedRequest,
} from '../__testUtils__/pagerdutyApi';
import { note, restIncident } from '../__testUtils__/pagerdutyExamples';
import { createPagerDutyApi } from '../client/client';
import { deploymentIdOf } from '../mapping/deploymentReference';
import { pullIncidents, SERVICES_PER_REQUEST } from './pull';
import { createIncidentStore } from './store';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

const server = setupServer();
registerMswTestHooks(server);

describe('pullIncidents', () => {
  const now = () => DateTime.fromISO('2015-10-10T00:00:00Z', { zone: 'utc' });
  const logger = mockServices.logger.mock();
  const api = createPagerDutyApi({
    token: API_TOKEN,
    baseUrl: 'https://api.pagerduty.com',
    logger,
    pdjsRetryPauseMs: 0,
  });

  function run(serviceIds: string[], claimed: Record<string, string[]>) {
    const sink = mockDeliveryEventSink();
    const store = createIncidentStore({
      sink,
      componentsOf: async id => claimed[id] ?? [],
      deploymentOf: async id =>
        deploymentIdOf({
          notes: await api.listNotes(id),
          alerts: await api.listAlerts(id),
        }),
      logger,
    });
    const result = pullIncidents({
      api,
      serviceIds: async () => serviceIds,
      store,
      lookback: Duration.fromObject({ days: 7 }),
      logger,
      now,
    });
    return { sink, result };
  }

  it('stores the incidents created within the lookback, with their deployments', async () => {
    const received: ReceivedRequest[] = [];
    server.use(
      ...pagerDutyHandlers(
        {
          incidents: [
            restIncident({ id: 'POLD001', created_at: '2015-10-02T23:59:59Z' }),
            restIncident({ id: 'PT4KHLK' }),
            restIncident({
              id: 'POPEN01',
              status: 'triggered',
              created_at: '2015-10-09T08:00:00Z',
              serviceId: 'PF9KMXH',
            }),
          ],
          notes: {
            PT4KHLK: [
              note('Deployment: acme/mail/runs/9', '2015-10-06T21:40:00Z'),
            ],
          },
        },
        received,
      ),
    );
    const { sink, result } = run(['PF9KMXH', 'PIJ90N7'], {
      PIJ90N7: ['component:default/mail'],
      PF9KMXH: ['component:default/api'],
    });
    expect(await result).toEqual({
      counts: { stored: 2, unmatched: 0, skipped: 0 },
      failures: [],
    });
    expect(sink.ingest.mock.calls.map(([events]) => events[0])).toEqual([
      expect.objectContaining({
        id: 'PT4KHLK',
        entityRef: 'component:default/mail',
        resolvedAt: '2015-10-06T21:38:23Z',
        deploymentId: 'acme/mail/runs/9',
      }),
      expect.objectContaining({
        id: 'POPEN01',
        entityRef: 'component:default/api',
        resolvedAt: undefined,
        deploymentId: undefined,
      }),
    ]);
    const list = received.find(r => r.path === '/incidents')!;
    expect(list.params.get('since')).toBe('2015-10-03T00:00:00.000Z');
    expect(list.params.get('until')).toBe('2015-10-10T00:00:00.000Z');
  });

  it('keeps going past a batch of services that fails, and says which', async () => {
    const many = Array.from(
      { length: SERVICES_PER_REQUEST + 1 },
      (_, i) => `PS${String(i).padStart(5, '0')}`,
    );
    let listCalls = 0;
    server.use(
      ...pagerDutyHandlers({
        incidents: [
          restIncident({
            id: 'PLAST01',
            serviceId: many[SERVICES_PER_REQUEST],
          }),
        ],
      }),
    );
    // The first batch's list fails (its request names the first service).
    server.use(
      http.get('https://api.pagerduty.com/incidents', ({ request }) => {
        listCalls++;
        const ids = new URL(request.url).searchParams.getAll('service_ids[]');
        return ids.includes(many[0])
          ? HttpResponse.json(
              { error: { message: 'Internal Server Error' } },
              { status: 500 },
            )
          : undefined;
      }),
    );
    const { sink, result } = run(many, {
      [many[SERVICES_PER_REQUEST]]: ['component:default/last'],
    });
    const { counts, failures } = await result;
    expect(listCalls).toBe(2);
    expect(counts.stored).toBe(1);
    expect(failures).toEqual([
      `services ${many
        .slice(0, SERVICES_PER_REQUEST)
        .join(', ')}: GET /incidents: 500 Internal Server Error`,
    ]);
    expect(sink.ingest).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'PLAST01',
        entityRef: 'component:default/last',
      }),
    ]);
  });
});
