import { mockServices } from '@backstage/backend-test-utils';
import {
  incidentEvent,
  noteEvent,
  pingEvent,
  restIncident,
} from '../__testUtils__/pagerdutyExamples';
import { PagerDutyApi } from '../client/client';
import { createPagerDutyEventHandler, PAGERDUTY_TOPIC } from './handler';
import { createIncidentStore } from '../pull/store';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

function fakeSink() {
  return mockDeliveryEventSink();
}

const claimed: Record<string, string[]> = {
  PF9KMXH: ['component:default/api'],
  PIJ90N7: ['component:default/mail'],
};

function setup(api?: Partial<PagerDutyApi>) {
  const sink = fakeSink();
  const logger = mockServices.logger.mock();
  const fullApi = api as PagerDutyApi | undefined;
  const handle = createPagerDutyEventHandler({
    sink,
    api: fullApi,
    logger,
    store: createIncidentStore({
      sink,
      componentsOf: async id => claimed[id] ?? [],
      deploymentOf:
        fullApi &&
        (async id =>
          (await fullApi.listNotes(id)).length > 0
            ? 'acme/shop/runs/42'
            : undefined),
      logger,
    }),
  });
  const deliver = (eventPayload: unknown) =>
    handle({ topic: PAGERDUTY_TOPIC, eventPayload });
  return { sink, deliver };
}

/** The sync report of a webhook delivery that failed, and why. */
const failedDelivery = (error: string) => ({
  source: 'pagerduty',
  via: 'webhook',
  error,
});

describe('createPagerDutyEventHandler', () => {
  it('without the REST API, stores the incident the payload describes', async () => {
    const { sink, deliver } = setup();
    await deliver(incidentEvent({ type: 'incident.triggered' }));
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'PGR0VU2',
        entityRef: 'component:default/api',
        title: 'A little bump in the road',
        severity: 'P1',
        openedAt: '2020-04-09T15:16:27Z',
        resolvedAt: undefined,
        deploymentId: undefined,
        url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      },
    ]);
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'pagerduty',
      via: 'webhook',
    });
  });

  it('with the REST API, stores the incident as the API has it now, with its deployment', async () => {
    const getIncident = jest.fn(async () =>
      restIncident({ id: 'PGR0VU2', serviceId: 'PIJ90N7' }),
    );
    const listNotes = jest.fn(async () => [{}]);
    const { sink, deliver } = setup({ getIncident, listNotes });
    // A note naming the deployment arrives after the incident was resolved.
    await deliver(
      noteEvent({
        eventId: 'note-1',
        occurredAt: '2015-10-06T21:45:00Z',
        incidentId: 'PGR0VU2',
        content: 'Deployment: acme/shop/runs/42',
      }),
    );
    expect(getIncident).toHaveBeenCalledWith('PGR0VU2');
    expect(sink.ingest).toHaveBeenCalledWith([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'PGR0VU2',
        entityRef: 'component:default/mail',
        title: 'The server is on fire.',
        severity: 'P2',
        openedAt: '2015-10-06T21:30:42Z',
        resolvedAt: '2015-10-06T21:38:23Z',
        deploymentId: 'acme/shop/runs/42',
        url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      },
    ]);
  });

  it('reports a service no component claims, storing nothing', async () => {
    const { sink, deliver } = setup();
    await deliver(
      incidentEvent({
        incident: {
          service: { ...incidentEvent().event.data.service, id: 'PUNKNWN' },
        },
      }),
    );
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportUnmatched).toHaveBeenCalledWith({
      source: 'pagerduty',
      key: 'PUNKNWN',
      reason:
        'no component annotated pagerduty.com/service-id (or an integration key of it): PUNKNWN (API Service)',
    });
  });

  it('records a ping as a working webhook, storing nothing', async () => {
    const { sink, deliver } = setup();
    await deliver(pingEvent('2021-12-08T22:58:53.510Z'));
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'pagerduty',
      via: 'webhook',
    });
  });

  it('reports a delivery it cannot process, with why', async () => {
    const getIncident = jest.fn(async () => {
      throw new Error('GET /incidents/PGR0VU2: 503 Service Unavailable');
    });
    const { sink, deliver } = setup({ getIncident });
    await deliver(incidentEvent({ type: 'incident.resolved' }));
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).toHaveBeenCalledWith(
      failedDelivery(
        'PagerDuty incident.resolved event 5ac64822-4adc-4fda-ade0-410becf0de4f: GET /incidents/PGR0VU2: 503 Service Unavailable',
      ),
    );

    await deliver({ messages: [] });
    expect(sink.reportSync).toHaveBeenLastCalledWith(
      failedDelivery(
        'not a PagerDuty webhooks v3 event: event: Invalid input: expected object, received undefined',
      ),
    );
  });
});
