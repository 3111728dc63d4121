/*
 * The Opsgenie source end to end: Opsgenie Webhook integration deliveries (as
 * Opsgenie sends them) POSTed with the shared token to the events backend's real
 * endpoint (checked by this package's validator), starting the pull, which reads
 * a faked Alert API serving Opsgenie's documented examples into the real delivery
 * backend and its store, read back through its API.
 */
import {
  closeDeliveryBody,
  createDeliveryBody,
  fullAlert,
} from './__testUtils__/opsgenieExamples';
import {
  CHECKOUT,
  checkout,
  databases,
  LEDGER,
  ledger,
  useOpsgenieBackend,
} from './__testUtils__/scenario';
import { PULL_TASK_ID } from './module';

const TOKEN = 'og-webhook-token';

describe.each(databases.eachSupportedId())(
  'Opsgenie source on %p',
  databaseId => {
    const backend = useOpsgenieBackend({
      databaseId,
      token: TOKEN,
      entities: [checkout, ledger],
    });
    const { opsgenie, scheduler, deliver, read, pullTask } = backend;

    afterEach(() => {
      opsgenie.failing = undefined;
    });

    const incidentsOf = async (name: string) =>
      (await read(`/incidents?entityRef=component:default/${name}&limit=500`))
        .items as { id: string }[];

    const sourceStatus = async () =>
      (await read('/sources')).items.find(
        (s: { id: string }) => s.id === 'opsgenie',
      );

    it('schedules the pull', () => {
      expect(pullTask()).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      });
    });

    it('starts a pull on a delivery with the token, which stores the alert as the API has it', async () => {
      const createdAt = new Date(Date.now() - 7_200_000).toISOString();
      const updatedAt = new Date(Date.now() - 600_000).toISOString();
      opsgenie.alerts.push(
        fullAlert({
          id: 'ec03dad6-62c8-4c94-b38b-d88f398e900f',
          tinyId: '2',
          message: 'another alert',
          priority: 'P1',
          createdAt,
          updatedAt,
          report: { closeTime: 1_800_000 },
          details: { deployment_id: 'acme/checkout/runs/88' },
        }),
      );
      opsgenie.matches[CHECKOUT] = ['ec03dad6-62c8-4c94-b38b-d88f398e900f'];
      scheduler.triggerTask.mockClear();

      const response = await deliver(
        createDeliveryBody(
          'ec03dad6-62c8-4c94-b38b-d88f398e900f',
          '2',
          'another alert',
        ),
        { 'X-Opsgenie-Token': TOKEN },
      );
      expect(response.status).toBe(202);
      expect(scheduler.triggerTask).toHaveBeenCalledWith(PULL_TASK_ID);

      await pullTask().fn(new AbortController().signal);
      expect(await incidentsOf('checkout')).toEqual([
        {
          kind: 'incident',
          source: 'opsgenie',
          id: 'ec03dad6-62c8-4c94-b38b-d88f398e900f',
          entityRef: 'component:default/checkout',
          title: 'another alert',
          severity: 'P1',
          openedAt: createdAt,
          resolvedAt: new Date(Date.parse(createdAt) + 1_800_000).toISOString(),
          deploymentId: 'acme/checkout/runs/88',
          url: 'https://acme.app.opsgenie.com/alert/detail/ec03dad6-62c8-4c94-b38b-d88f398e900f/details',
        },
      ]);
      expect(await sourceStatus()).toMatchObject({
        stale: false,
        failing: [],
      });
    });

    it('refuses deliveries without the token, and accepts it as basic auth', async () => {
      scheduler.triggerTask.mockClear();
      const body = closeDeliveryBody('a-1', '23');
      const forged = await deliver(body, { 'X-Opsgenie-Token': 'guess' });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ message: 'invalid token' });
      expect((await deliver(body)).status).toBe(403);
      expect(scheduler.triggerTask).not.toHaveBeenCalled();

      const basic = Buffer.from(`opsgenie:${TOKEN}`).toString('base64');
      expect(
        (await deliver(body, { Authorization: `Basic ${basic}` })).status,
      ).toBe(202);
      expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    });

    it('reports a delivered alert no component claims, once the pull has looked', async () => {
      await deliver(
        closeDeliveryBody('052652ac-5d1c-464a-812a-7dd18bbfba8c', '23'),
        {
          'X-Opsgenie-Token': TOKEN,
        },
      );
      await pullTask().fn(new AbortController().signal);
      const unmatched = (await read('/unmatched')).items.find(
        (item: { key: string }) => item.key === 'alert #23',
      );
      expect(unmatched).toMatchObject({
        source: 'opsgenie',
        key: 'alert #23',
        reason:
          'no component\'s opsgenie.com/component-selector (or opsgenie.com/team) matches alert #23 "test alert"',
      });
    });

    it('reports a failing pull, keeping what was stored', async () => {
      opsgenie.failing = { [LEDGER]: 503 };
      await pullTask().fn(new AbortController().signal);
      expect(await sourceStatus()).toMatchObject({
        stale: true,
        failing: ['pull'],
        lastError:
          '1 failed: component:default/ledger: GET /v2/alerts: 503 Internal Server Error',
      });
      expect((await incidentsOf('checkout')).map(i => i.id)).toEqual([
        'ec03dad6-62c8-4c94-b38b-d88f398e900f',
      ]);
    });
  },
);
