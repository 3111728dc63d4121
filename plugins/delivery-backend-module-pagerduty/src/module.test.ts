/*
 * The PagerDuty source end to end: PagerDuty's sample webhooks v3 payloads, signed
 * as PagerDuty signs them, POSTed to the events backend's real endpoint (checked by
 * this package's validator), through this module into the real delivery backend
 * and its store, read back through its API; and the scheduled pull, against a
 * faked PagerDuty REST API serving the API reference's examples.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import { FakePagerDuty } from './__testUtils__/pagerdutyApi';
import {
  incidentEvent,
  noteEvent,
  note,
  pingEvent,
  restIncident,
  serviceWithIntegration,
} from './__testUtils__/pagerdutyExamples';
import {
  databases,
  pagerDutyHeaders,
  usePagerDutyBackend,
} from './__testUtils__/scenario';
import { signBody } from './webhook/signature';
import {
  annotatedComponent,
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'pd-webhook-secret';

const component = annotatedComponent;

const entities = [
  // The webhook overview's service, and the API reference's.
  component('api', { 'pagerduty.com/service-id': 'PF9KMXH' }),
  component('mail', { 'pagerduty.com/service-id': 'PIJ90N7' }),
  component('web', { 'pagerduty.com/integration-key': 'e93facc04764012d7bfb' }),
];

/** What the fake PagerDuty REST API serves; tests add to it. */
const pagerDuty: FakePagerDuty = {
  incidents: [],
  notes: {},
  services: [serviceWithIntegration('PWEB001', 'e93facc04764012d7bfb')],
};

describe.each(databases.eachSupportedId())(
  'PagerDuty source on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const backend = usePagerDutyBackend({
      databaseId,
      entities,
      pagerDuty,
      webhook: { secrets: ['an-older-subscription', SECRET] },
      scheduler,
    });
    const { read, incidentsOf, incidentOf } = backend;

    afterEach(() => {
      pagerDuty.failing = undefined;
    });

    /** POSTs a delivery the way PagerDuty does; `secret: null` leaves it unsigned. */
    const deliver = (payload: unknown, secret: string | null = SECRET) => {
      const body = JSON.stringify(payload);
      return backend.post(
        'pagerduty',
        body,
        pagerDutyHeaders(
          secret === null
            ? undefined
            : // A rotation in progress: the old secret's signature comes too.
              `v1=${signBody('rotated-away', body)},v1=${signBody(
                secret,
                body,
              )}`,
        ),
      );
    };

    const sourceStatus = async () =>
      (await read('/sources')).items.find(
        (s: { id: string }) => s.id === 'pagerduty',
      );

    const now = () => new Date().toISOString();
    /** A fresh webhook delivery of an incident PagerDuty's API now has. */
    const deliverNew = (
      eventId: string,
      incident: { id: string; serviceId: string },
    ) => {
      pagerDuty.incidents.push(restIncident(incident));
      return deliver(
        incidentEvent({
          eventId,
          occurredAt: now(),
          incident: { id: incident.id },
        }),
      );
    };

    it('stores a signed incident event as the REST API has the incident', async () => {
      pagerDuty.incidents.push(
        restIncident({
          id: 'PGR0VU2',
          serviceId: 'PF9KMXH',
          title: 'A little bump in the road',
          html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
          status: 'triggered',
          created_at: '2020-04-09T15:16:27Z',
          resolved_at: null,
        }),
      );
      const response = await deliver(
        incidentEvent({ type: 'incident.triggered', occurredAt: now() }),
      );
      expect(response.status).toBe(202);

      expect(await incidentOf('api', 'PGR0VU2')).toEqual({
        kind: 'incident',
        source: 'pagerduty',
        id: 'PGR0VU2',
        entityRef: 'component:default/api',
        title: 'A little bump in the road',
        severity: 'P2',
        openedAt: '2020-04-09T15:16:27.000Z',
        url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      });
      expect(await sourceStatus()).toMatchObject({
        source: 'pagerduty',
        stale: false,
        failing: [],
      });
    });

    it('resolves the incident and records the deployment a note names; a redelivery changes nothing', async () => {
      pagerDuty.incidents.push(
        restIncident({
          id: 'PRESLV1',
          serviceId: 'PIJ90N7',
          created_at: '2021-03-01T10:00:00Z',
          last_status_change_at: '2021-03-01T11:30:00Z',
          resolved_at: '2021-03-01T11:30:00Z',
        }),
      );
      pagerDuty.notes!.PRESLV1 = [
        note(
          'Rolled back.\nDeployment: acme/mail/runs/314',
          '2021-03-01T11:40:00Z',
        ),
      ];
      const annotated = noteEvent({
        eventId: `note-${randomUUID()}`,
        occurredAt: now(),
        incidentId: 'PRESLV1',
        content: 'Rolled back.\nDeployment: acme/mail/runs/314',
      });
      expect((await deliver(annotated)).status).toBe(202);
      const again = await deliver(annotated);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ status: 'duplicate' });

      expect(await incidentOf('mail', 'PRESLV1')).toEqual({
        kind: 'incident',
        source: 'pagerduty',
        id: 'PRESLV1',
        entityRef: 'component:default/mail',
        title: 'The server is on fire.',
        severity: 'P2',
        openedAt: '2021-03-01T10:00:00.000Z',
        resolvedAt: '2021-03-01T11:30:00.000Z',
        deploymentId: 'acme/mail/runs/314',
        url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      });
      expect(
        (await incidentsOf('mail')).filter(i => i.id === 'PRESLV1'),
      ).toHaveLength(1);
    });

    it('refuses forged, unsigned and replayed deliveries, storing nothing from them', async () => {
      for (const id of ['PFORGED', 'PUNSIGN', 'PREPLAY']) {
        pagerDuty.incidents.push(restIncident({ id, serviceId: 'PF9KMXH' }));
      }
      const forged = await deliver(
        incidentEvent({
          eventId: 'forged',
          occurredAt: now(),
          incident: { id: 'PFORGED' },
        }),
        'not-the-secret',
      );
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ message: 'invalid signature' });
      const unsigned = await deliver(
        incidentEvent({
          eventId: 'unsigned',
          occurredAt: now(),
          incident: { id: 'PUNSIGN' },
        }),
        null,
      );
      expect(unsigned.status).toBe(403);
      // The overview's sample as sent in 2020: signed, but long past.
      const replayed = await deliver(
        incidentEvent({ eventId: 'replayed', incident: { id: 'PREPLAY' } }),
      );
      expect(replayed.status).toBe(403);
      expect(await replayed.json()).toEqual({
        message:
          'event replayed occurred at 2020-10-02T18:45:22.169Z, outside the accepted 30 minutes',
      });

      // A valid delivery after them: once it is stored, the others would be too.
      await deliverNew('valid', { id: 'PVALID1', serviceId: 'PF9KMXH' });
      await incidentOf('api', 'PVALID1');
      const ids = (await incidentsOf('api')).map(i => i.id);
      expect(ids).not.toContain('PFORGED');
      expect(ids).not.toContain('PUNSIGN');
      expect(ids).not.toContain('PREPLAY');
    });

    it('reports an incident of a service no component claims', async () => {
      await deliverNew('nobody', { id: 'PNOBODY', serviceId: 'PZZZZZZ' });
      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find((item: { key: string }) => item.key === 'PZZZZZZ'),
      );
      expect(unmatched).toMatchObject({
        source: 'pagerduty',
        key: 'PZZZZZZ',
        reason:
          'no component annotated pagerduty.com/service-id (or an integration key of it): PZZZZZZ (My Mail Service)',
        count: 1,
      });
    });

    it('reports a delivery it could not process, and a later success clears it', async () => {
      pagerDuty.failing = { '/incidents/PDOWN01': 503 };
      await deliver(
        incidentEvent({
          eventId: 'down',
          occurredAt: now(),
          incident: { id: 'PDOWN01' },
        }),
      );
      expect(
        await eventually(async () => {
          const status = await sourceStatus();
          return status?.failing.includes('webhook') ? status : undefined;
        }),
      ).toMatchObject({
        stale: true,
        lastError:
          'PagerDuty incident.priority_updated event down: GET /incidents/PDOWN01: 503 Internal Server Error',
      });

      // PagerDuty's "Send Test Event" proves the webhook works again.
      expect((await deliver(pingEvent(now()))).status).toBe(202);
      expect(
        await eventually(async () => {
          const status = await sourceStatus();
          return status?.failing.length === 0 ? status : undefined;
        }),
      ).toMatchObject({ stale: false });
    });

    it('schedules a pull of the REST API that stores what webhooks missed', async () => {
      const task = scheduledTask(scheduler, 'delivery-pagerduty-pull');
      expect(task).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      });

      // Within the pull's 14-day lookback, on the service `web` claims through
      // an integration key.
      const recently = new Date(Date.now() - 3_600_000).toISOString();
      pagerDuty.incidents.push(
        restIncident({
          id: 'PPULL01',
          serviceId: 'PWEB001',
          title: 'Checkout returns 502',
          status: 'acknowledged',
          created_at: recently,
          resolved_at: null,
        }),
      );
      await task!.fn(new AbortController().signal);

      expect(await incidentOf('web', 'PPULL01')).toEqual({
        kind: 'incident',
        source: 'pagerduty',
        id: 'PPULL01',
        entityRef: 'component:default/web',
        title: 'Checkout returns 502',
        severity: 'P2',
        openedAt: recently,
        url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      });
      const status = await sourceStatus();
      expect(status.lastSuccessAt).toBeDefined();

      // PagerDuty down: the pull reports it, and what was stored stays.
      pagerDuty.failing = { '/incidents': 503 };
      await task!.fn(new AbortController().signal);
      expect(await sourceStatus()).toMatchObject({
        stale: true,
        failing: ['pull'],
        lastError:
          '1 failed: services PF9KMXH, PIJ90N7, PWEB001: GET /incidents: 503 Internal Server Error',
      });
      expect((await incidentsOf('web')).map(i => i.id)).toEqual(['PPULL01']);
    });
  },
);
