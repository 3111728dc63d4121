/*
 * Hostile input at the Opsgenie webhook (POST /api/events/http/opsgenie, this package's
 * token check in the events backend, then its handler, which only starts a pull) and in
 * what that pull reads (the Alert API, faked in-process with msw), property-based with
 * fast-check: Opsgenie's example deliveries with fields replaced by wrong types, huge
 * strings, injection strings; arbitrary JSON and non-JSON bodies; forged and missing
 * tokens; replays of one delivery; alerts whose fields are hostileValue. Never a 5xx; a
 * refused delivery starts nothing and stores nothing; the pull never fails on an alert
 * and stores only rows that re-validate with the delivery schema; a replayed delivery
 * is stored once.
 *
 * Structure of delivery-backend-module-github/src/webhookFuzz.test.ts.
 * `FUZZ_RUNS=2000` for a long run.
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import {
  closeDeliveryBody,
  createDeliveryBody,
  fullAlert,
} from './__testUtils__/opsgenieExamples';
import {
  CHECKOUT,
  checkout,
  databases,
  useOpsgenieBackend,
} from './__testUtils__/scenario';
import {
  fuzzRuns,
  fuzzTimeout,
  hostileValue,
  invalidStoredEvents,
  mutatedPayload,
  statusTally,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const TOKEN = 'og-fuzz-token';

const examples = [
  createDeliveryBody('ec03dad6-62c8-4c94-b38b-d88f398e900f', '2', 'an alert'),
  closeDeliveryBody('052652ac-5d1c-464a-812a-7dd18bbfba8c', '23'),
].map(body => JSON.parse(body) as unknown);

/** An Opsgenie example delivery with up to three fields replaced by hostileValue values. */
const mutatedBody = mutatedPayload(examples).map(p => JSON.stringify(p));

const anyBody = fc.oneof(
  { weight: 5, arbitrary: mutatedBody },
  {
    weight: 1,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map(p => JSON.stringify(p)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ action: hostileValue, alert: hostileValue })
      .map(p => JSON.stringify(p)),
  },
  // Not JSON at all (or nothing).
  { weight: 1, arbitrary: fc.string() },
);

const alertFields = [
  'id',
  'tinyId',
  'message',
  'status',
  'priority',
  'createdAt',
  'updatedAt',
  'report',
  'details',
  'description',
  'tags',
];

/** An alert of the Alert API's example, recent, with up to three fields hostileValue. */
const hostileAlert = fc
  .tuple(
    fc.uuid(),
    fc.array(fc.tuple(fc.constantFrom(...alertFields), hostileValue), {
      maxLength: 3,
    }),
    fc.constantFrom('closed', 'open'),
  )
  .map(([id, changes, status]) => {
    const alert = fullAlert({
      id,
      status,
      priority: 'P1',
      createdAt: new Date(Date.now() - 7_200_000).toISOString(),
      // Now: later pulls read only what changed since the previous one.
      updatedAt: new Date().toISOString(),
      details: { deployment_id: 'acme/checkout/runs/88' },
    }) as any;
    for (const [field, value] of changes) alert[field] = value;
    return alert;
  });

describe.each(databases.eachSupportedId())(
  'Opsgenie webhook and pull under hostileValue input on %p',
  databaseId => {
    const backend = useOpsgenieBackend({
      databaseId,
      token: TOKEN,
      entities: [checkout],
    });
    const { opsgenie, scheduler, deliver, pull, count } = backend;
    const post = deliver;
    const incidentCount = () => count('incidents');

    /** Every incident the store holds is a valid normalised event. */
    it(
      'answers hostileValue deliveries with the token with a 2xx or a 4xx with a message, never a 5xx',
      async () => {
        const statuses = statusTally();
        await fc.assert(
          fc.asyncProperty(anyBody, async body => {
            const response = await post(body, { 'X-Opsgenie-Token': TOKEN });
            statuses.check(response);
            if (response.status >= 400) {
              expect(await response.text()).toMatch(/"message":"[^"]+/);
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
        // The pull they asked for reports the alerts no component claims: it
        // completes, whatever the deliveries named.
        await expect(pull()).resolves.toBeUndefined();
        statuses.print(databaseId);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'pulls hostileValue alerts from the Alert API without failing, storing only valid incidents',
      async () => {
        let stored = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(hostileAlert, { minLength: 1, maxLength: 3 }),
            async alerts => {
              opsgenie.alerts = alerts;
              opsgenie.matches = {
                [CHECKOUT]: alerts.map(alert => alert.id),
              };
              await expect(pull()).resolves.toBeUndefined();
            },
          ),
          { numRuns: fuzzRuns(40) },
        );
        stored = await incidentCount();
        expect(await invalidStoredEvents(backend.deliveryDb)).toEqual([]);
        // Not vacuous: the unchanged and harmlessly changed alerts were stored.
        expect(stored).toBeGreaterThan(0);
      },
      fuzzTimeout(fuzzRuns(40), 400),
    );

    it(
      'refuses forged and missing tokens with 403, starting no pull',
      async () => {
        scheduler.triggerTask.mockClear();
        await fc.assert(
          fc.asyncProperty(
            mutatedBody,
            fc.oneof(
              fc
                .string()
                // A header value cannot hold control or non-Latin-1 characters.
                .map(token => ({
                  'X-Opsgenie-Token': token.replace(/[^\x20-\x7e]/g, ''),
                })),
              fc.string().map(token => ({
                Authorization: `Basic ${Buffer.from(
                  `opsgenie:${token}`,
                ).toString('base64')}`,
              })),
              fc.constantFrom<Record<string, string>>(
                {},
                { 'X-Opsgenie-Token': '' },
                { 'X-Opsgenie-Token': TOKEN.toUpperCase() },
                { 'X-Opsgenie-Token': TOKEN.slice(0, -1) },
                { Authorization: `Bearer ${TOKEN}` },
                { Authorization: 'Basic !!!' },
              ),
            ),
            async (body, headers: Record<string, string>) => {
              if (Object.values(headers).some(v => v === TOKEN)) return;
              if (
                headers.Authorization ===
                `Basic ${Buffer.from(`opsgenie:${TOKEN}`).toString('base64')}`
              )
                return;
              const response = await post(body, headers);
              expect(response.status).toBe(403);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        expect(scheduler.triggerTask).not.toHaveBeenCalled();
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it('stores an alert a replayed delivery announces once', async () => {
      const id = 'a7f0c2d4-0000-4000-8000-00000000beef';
      opsgenie.alerts = [
        fullAlert({
          id,
          tinyId: '4711',
          message: 'replayed alert',
          priority: 'P1',
          createdAt: new Date(Date.now() - 3_600_000).toISOString(),
          updatedAt: new Date(Date.now() - 60_000).toISOString(),
        }),
      ];
      opsgenie.matches = { [CHECKOUT]: [id] };
      const body = createDeliveryBody(id, '4711', 'replayed alert');
      for (let i = 0; i < 5; i++) {
        expect((await post(body, { 'X-Opsgenie-Token': TOKEN })).status).toBe(
          202,
        );
        await pull();
      }
      const rows = await backend.deliveryDb('incidents').where({
        source: 'opsgenie',
        external_id: id,
      });
      expect(rows).toHaveLength(1);
    }, 30_000);
  },
);
