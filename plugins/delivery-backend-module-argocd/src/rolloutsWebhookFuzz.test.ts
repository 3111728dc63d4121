/*
 * Hostile input at the Argo Rollouts notifications webhook
 * (POST /api/events/http/argo-rollouts, this package's secret and schema check in the
 * events backend, then its handler), property-based with fast-check: the README's
 * Argo Rollouts template rendered over the notifications of a promoted canary, an
 * aborted one and a blue-green switch, with fields replaced by wrong types, huge
 * strings, invalid dates, injection strings; arbitrary JSON; forged and missing
 * secrets; replays of one notification. Every answer is a 2xx or a 4xx, never a 5xx;
 * a 4xx says why; nothing is stored from a refused delivery; every stored row
 * re-validates with the delivery schema; a replayed notification leaves one event;
 * the sources' status still reads.
 *
 * Structure of src/webhookFuzz.test.ts. `FUZZ_RUNS=2000` for a long run.
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { commitMetadata, serveArgocd } from './__testUtils__/argocdApi';
import { rolloutsNotificationBody } from './__testUtils__/notificationTemplate';
import {
  checkoutAborted,
  checkoutPromoted,
  storefrontSwitched,
} from './__testUtils__/rolloutScenarios';
import {
  CHECKOUT_SHA,
  CHECKOUT_SHA_MAY16,
  checkout,
  checkoutMay16Commit,
  checkoutRolloutApp,
  databases,
  PROD,
  secretHeader,
  storefront,
  storefrontApp,
  useArgocdBackend,
} from './__testUtils__/scenario';
import {
  forgedSecret,
  fuzzRuns,
  fuzzTimeout,
  hostileValue,
  invalidStoredEvents,
  mutatedPayload,
  statusTally,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'argocd-fuzz-secret';
const ROLLOUTS_SECRET = 'rollouts-fuzz-secret';

// Argo CD's API, faked in-process (msw): the applications the Rollouts belong to.
const argocd = setupServer(
  ...serveArgocd({
    url: PROD,
    token: 'prod-token',
    apps: [checkoutRolloutApp({ may16: true }), storefrontApp()],
    revisions: {
      [`checkout-prod@${CHECKOUT_SHA}`]: commitMetadata.checkoutTimeout,
      [`checkout-prod@${CHECKOUT_SHA_MAY16}`]: checkoutMay16Commit,
    },
  }),
);

const examples = [
  ...checkoutPromoted,
  ...checkoutAborted,
  ...storefrontSwitched,
].map(notified => JSON.parse(rolloutsNotificationBody(notified)) as unknown);

/** A rendered notification with up to three fields replaced by hostile values. */
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
      .record({
        instance: hostileValue,
        trigger: hostileValue,
        at: hostileValue,
        rollout: hostileValue,
      })
      .map(p => JSON.stringify(p)),
  },
  // Not JSON at all.
  { weight: 1, arbitrary: fc.string() },
);

describe.each(databases.eachSupportedId())(
  'Argo Rollouts webhook under hostile input on %p',
  databaseId => {
    const suite = useArgocdBackend({
      databaseId,
      api: argocd,
      entities: [checkout, storefront],
      secret: SECRET,
      rolloutsSecret: ROLLOUTS_SECRET,
      instances: [{ name: 'argo-prod', url: PROD, token: 'prod-token' }],
    });

    /** POSTs a notification as Argo Rollouts' webhook service does; `null` sends no secret. */
    const post = (body: string, secret: string | null = ROLLOUTS_SECRET) =>
      suite.post('argo-rollouts', body, secretHeader(secret));

    const memoryCount = async () =>
      Number(
        (
          await suite.deliveryDb('delivery_argocd_rollouts').count({ n: '*' })
        )[0].n,
      );
    /** Deployments and remembered revisions: what a delivery can leave behind. */
    const stored = async () =>
      (await suite.count('deployments')) * 1000 + (await memoryCount());

    /**
     * Deliveries are processed after the 202: wait until nothing has moved for a
     * second (the machine may be busy).
     */
    const settled = async () => {
      let last = -1;
      let still = 0;
      for (let attempt = 0; attempt < 150 && still < 5; attempt++) {
        const count = await stored();
        still = count === last ? still + 1 : 0;
        last = count;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      return last;
    };

    it(
      'answers hostile deliveries with the secret with a 2xx or a 4xx, never a 5xx, storing only valid events',
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
        expect(await suite.count('deployments')).toBeGreaterThan(0);
        await suite.read('/sources');
        // Only configured instances get a status row: a body cannot invent one.
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
      'refuses forged and missing secrets with 401, storing nothing',
      async () => {
        const before = await settled();
        await fc.assert(
          fc.asyncProperty(
            mutatedBody,
            forgedSecret(ROLLOUTS_SECRET),
            async (payload, secret) => {
              if (secret === ROLLOUTS_SECRET) return;
              const response = await post(JSON.stringify(payload), secret);
              expect(response.status).toBe(401);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        // Argo CD's own secret does not open this endpoint either.
        expect((await post(JSON.stringify(examples[0]), SECRET)).status).toBe(
          401,
        );
        expect(await settled()).toBe(before);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it('stores a replayed notification once', async () => {
      const body = rolloutsNotificationBody(storefrontSwitched[5]);
      const rows = async () =>
        Number(
          (
            await suite
              .deliveryDb('deployments')
              .where({
                external_id:
                  'argo-prod/argocd/storefront-prod/2024-05-17T10:00:00Z',
              })
              .count({ n: '*' })
          )[0].n,
        );
      for (let i = 0; i < 5; i++) {
        expect((await post(body)).status).toBe(202);
      }
      await settled();
      expect(await rows()).toBe(1);
    }, 30_000);
  },
);
