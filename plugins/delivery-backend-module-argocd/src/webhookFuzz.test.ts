/*
 * Hostile input at the Argo CD notifications webhook (POST /api/events/http/argocd, this
 * package's secret check in the events backend, then its handler), property-based with
 * fast-check: the README's notification template rendered over Applications, with
 * fields replaced by wrong types, huge strings, invalid dates, injection strings;
 * arbitrary JSON; forged and missing secrets; replays of one notification. Every answer
 * is a 2xx or a 4xx, never a 5xx; nothing is stored from a refused delivery; every
 * stored row re-validates with the delivery schema; a replayed notification is stored
 * once; the sources' status (where refused bodies are reported) still reads.
 *
 * Structure of delivery-backend-module-github/src/webhookFuzz.test.ts.
 * `FUZZ_RUNS=2000` for a long run.
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import {
  paymentsApplication,
  revisionMetadataResponse,
} from './__testUtils__/argocdApi';
import { notificationBody } from './__testUtils__/notificationTemplate';
import {
  CHECKOUT_SHA,
  checkout,
  checkoutApp,
  databases,
  payments,
  PROD,
  secretHeader,
  serveProd,
  useArgocdBackend,
} from './__testUtils__/scenario';
import {
  forgedSecret,
  fuzzRuns,
  fuzzTimeout,
  statusTally,
  hostileValue,
  invalidStoredEvents,
  mutatedPayload,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'argocd-fuzz-secret';

const paymentsApp = paymentsApplication({
  project: 'payments',
  revision: CHECKOUT_SHA,
  failure: 'one or more objects failed to apply',
});

// Argo CD's API, faked in-process (msw): the applications and the revision metadata.
const argocd = setupServer(
  ...serveProd(paymentsApp, {
    [`payments@${CHECKOUT_SHA}`]: revisionMetadataResponse({
      author: 'Jane Doe <jane@example.com>',
      date: '2024-05-15T12:58:20Z',
      message: 'Bump payments',
    }),
  }),
);

const examples = [
  checkoutApp('Running'),
  checkoutApp('Succeeded'),
  paymentsApp,
].map(app => JSON.parse(notificationBody(app)) as unknown);

/** A rendered notification with up to three fields replaced by hostileValue values. */
const mutatedBody = mutatedPayload(examples);

const anyBody = fc.oneof(
  { weight: 5, arbitrary: mutatedBody.map(p => JSON.stringify(p)) },
  {
    weight: 1,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map(p => JSON.stringify(p)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ instance: hostileValue, application: hostileValue })
      .map(p => JSON.stringify(p)),
  },
  // Not JSON at all.
  { weight: 1, arbitrary: fc.string() },
);

describe.each(databases.eachSupportedId())(
  'Argo CD webhook under hostileValue input on %p',
  databaseId => {
    const suite = useArgocdBackend({
      databaseId,
      api: argocd,
      entities: [checkout, payments],
      secret: SECRET,
      instances: [{ name: 'argo-prod', url: PROD, token: 'prod-token' }],
    });

    /** POSTs a notification as Argo CD's webhook service does; `null` sends no secret. */
    const post = (body: string, secret: string | null = SECRET) =>
      suite.post('argocd', body, secretHeader(secret));

    const deploymentCount = () => suite.count('deployments');

    /**
     * Deliveries are processed after the 202: wait until the count has not moved for
     * a second (the machine may be busy).
     */
    const settled = async () => {
      let last = -1;
      let still = 0;
      for (let attempt = 0; attempt < 150 && still < 5; attempt++) {
        const count = await deploymentCount();
        still = count === last ? still + 1 : 0;
        last = count;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      return last;
    };

    it(
      'answers hostileValue deliveries with the secret with a 2xx or a 4xx, never a 5xx, storing only valid events',
      async () => {
        const statuses = statusTally();
        await fc.assert(
          fc.asyncProperty(anyBody, async body => {
            const response = await post(body);
            statuses.check(response);
            if (response.status >= 400) {
              expect(await response.text()).toMatch(/"message":"[^"]+/);
            }
          }),
          { numRuns: fuzzRuns(60) },
        );
        await settled();
        expect(await invalidStoredEvents(suite.deliveryDb)).toEqual([]);
        // Not vacuous: the unchanged and harmlessly changed examples were stored.
        expect(await deploymentCount()).toBeGreaterThan(0);
        // Refused bodies are reported per instance; the report still reads.
        await suite.read('/sources');
        // ...under configured instances only: a body cannot invent a source.
        const instances = (await suite.deliveryDb('source_status')).map(
          row => row.instance,
        );
        expect(
          instances.filter(name => name !== '' && name !== 'argo-prod'),
        ).toEqual([]);
        statuses.print(databaseId);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'refuses forged and missing secrets with 403, storing nothing',
      async () => {
        const before = await settled();
        await fc.assert(
          fc.asyncProperty(
            mutatedBody,
            forgedSecret(SECRET),
            async (payload, secret) => {
              if (secret === SECRET) return;
              const response = await post(JSON.stringify(payload), secret);
              expect(response.status).toBe(403);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        expect(await settled()).toBe(before);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it('stores a replayed notification once', async () => {
      const body = notificationBody(
        checkoutApp('Succeeded', { startedAt: '2024-06-01T10:00:00Z' }),
      );
      const replayed = async () =>
        Number(
          (
            await suite
              .deliveryDb('deployments')
              .where({
                external_id:
                  'argo-prod/argocd/checkout-prod/2024-06-01T10:00:00Z',
              })
              .count({ n: '*' })
          )[0].n,
        );
      for (let i = 0; i < 5; i++) {
        expect((await post(body)).status).toBe(202);
      }
      // Once every replay has been handled (the count stops moving): one row.
      await settled();
      expect(await replayed()).toBe(1);
    }, 30_000);
  },
);
