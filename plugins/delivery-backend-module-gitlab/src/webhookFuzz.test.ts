/*
 * Hostile input at the GitLab webhook (POST /api/events/http/gitlab, the events
 * backend's GitLab module checking X-Gitlab-Token, then this module), property-based
 * with fast-check: GitLab's example deliveries of deployments, pipelines, merge
 * requests (approvals too) and merge request comments (and the scenario projects',
 * which this module reads back from a faked GitLab API) with fields replaced by wrong types, huge
 * strings, invalid dates, injection strings; arbitrary JSON; forged and missing tokens;
 * replays of one delivery. Every answer is a 2xx or a 4xx, never a 5xx; nothing is
 * stored from a refused delivery; every stored row re-validates with the delivery
 * schema; a replayed delivery is stored once.
 *
 * Structure of delivery-backend-module-github/src/webhookFuzz.test.ts.
 * `FUZZ_RUNS=2000` for a long run.
 */
/* eslint-disable jest/no-conditional-expect -- a property's checks depend on the answer it got */
import fc from 'fast-check';
import {
  clone,
  deploymentHookExample,
  mergeRequestApprovalHookExample,
  mergeRequestHookExample,
  mergeRequestNoteHookExample,
  pipelineHookExample,
} from './__testUtils__/fixtures';
import {
  databases,
  gitlabHeaders,
  useGitlabBackend,
} from './__testUtils__/backend';
import {
  MONOREPO,
  mergeRequestHook,
  mergeRequestNoteHook,
  shopDeploymentHook,
  shopPipelineHook,
} from './__testUtils__/hooks';
import { mergeRequests, monorepoMergeRequests } from './__testUtils__/scenario';
import {
  forgedSecret,
  fuzzRuns,
  fuzzTimeout,
  statusTally,
  hostileValue,
  invalidStoredEvents,
  mutatedPayload,
} from '@internal/backstage-plugin-delivery-node/testUtils';

const SECRET = 'gitlab-fuzz-secret';

const examples = [
  { event: 'Deployment Hook', payload: clone(deploymentHookExample) },
  { event: 'Deployment Hook', payload: shopDeploymentHook() },
  { event: 'Pipeline Hook', payload: clone(pipelineHookExample) },
  { event: 'Pipeline Hook', payload: shopPipelineHook() },
  { event: 'Merge Request Hook', payload: clone(mergeRequestHookExample) },
  {
    event: 'Merge Request Hook',
    payload: clone(mergeRequestApprovalHookExample),
  },
  {
    event: 'Merge Request Hook',
    payload: mergeRequestHook(mergeRequests.coupon, { action: 'merge' }),
  },
  {
    event: 'Merge Request Hook',
    payload: mergeRequestHook(monorepoMergeRequests.totals, {
      action: 'open',
      project: MONOREPO,
    }),
  },
  { event: 'Note Hook', payload: clone(mergeRequestNoteHookExample) },
  {
    event: 'Note Hook',
    payload: mergeRequestNoteHook(mergeRequests.validation),
  },
];

/** A GitLab example delivery with up to three fields replaced by hostileValue values. */
const mutatedDelivery = fc.oneof(
  ...examples.map(({ event, payload }) =>
    mutatedPayload<unknown>([payload]).map(mutated => ({
      event,
      payload: mutated,
    })),
  ),
);

const anyDelivery = fc.oneof(
  { weight: 5, arbitrary: mutatedDelivery },
  {
    weight: 1,
    arbitrary: fc.record({
      event: fc.constantFrom(
        'Deployment Hook',
        'Pipeline Hook',
        'Merge Request Hook',
        'Note Hook',
        '<b>x</b>',
      ),
      payload: fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record({
          object_kind: fc.constantFrom(
            'deployment',
            'pipeline',
            'merge_request',
            'note',
          ),
          project: hostileValue,
          object_attributes: hostileValue,
          deployment_id: hostileValue,
          merge_request: hostileValue,
        }),
      ),
    }),
  },
);

describe.each(databases.eachSupportedId())(
  'GitLab webhook under hostileValue input on %p',
  databaseId => {
    const suite = useGitlabBackend({ databaseId, secret: SECRET });

    /** POSTs a delivery the way GitLab does; `token: null` sends none. */
    const post = (
      event: string,
      body: string,
      token: string | null = SECRET,
      eventUuid?: string,
    ) => suite.post('gitlab', body, gitlabHeaders(event, token, eventUuid));

    const deploymentCount = () => suite.count('deployments');

    const storedWithId = async (externalId: string) =>
      Number(
        (
          await suite
            .deliveryDb('deployments')
            .where({ external_id: externalId })
            .count({ n: '*' })
        )[0].n,
      );

    /**
     * Deliveries are processed after the 202, in order, by a small queue that may
     * be busy reading the (faked) GitLab API for a while: send a valid delivery and
     * wait until it is stored, so every delivery before it has been handled.
     */
    let sentinel = 880_000;
    const drained = async () => {
      const payload = clone(deploymentHookExample);
      payload.deployment_id = ++sentinel;
      expect(
        (await post('Deployment Hook', JSON.stringify(payload))).status,
      ).toBe(202);
      const id = `10.126.0.2:3000/deployments/${sentinel}`;
      for (let attempt = 0; attempt < 1200; attempt++) {
        if ((await storedWithId(id)) === 1) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(await storedWithId(id)).toBe(1);
      await new Promise(resolve => setTimeout(resolve, 200));
      return deploymentCount();
    };

    it(
      'answers hostileValue deliveries with a valid token with a 2xx or a 4xx, never a 5xx, storing only valid events',
      async () => {
        const statuses = statusTally();
        await fc.assert(
          fc.asyncProperty(anyDelivery, async ({ event, payload }) => {
            const response = await post(event, JSON.stringify(payload));
            statuses.check(response);
          }),
          { numRuns: fuzzRuns(60) },
        );
        // One unchanged merge request after them, so changes are among what is checked.
        await post(
          'Merge Request Hook',
          JSON.stringify(
            mergeRequestHook(mergeRequests.coupon, { action: 'merge' }),
          ),
        );
        await drained();
        expect(await invalidStoredEvents(suite.deliveryDb)).toEqual([]);
        // Not vacuous: the unchanged and harmlessly changed examples were stored.
        expect(await deploymentCount()).toBeGreaterThan(0);
        expect(await suite.count('changes')).toBeGreaterThan(0);
        // Refused deliveries are reported per instance; the report still reads.
        await suite.read('/sources');
        statuses.print(databaseId);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it(
      'refuses forged and missing tokens with 403, storing nothing',
      async () => {
        const before = await drained();
        await fc.assert(
          fc.asyncProperty(
            mutatedDelivery,
            forgedSecret(SECRET),
            async ({ event, payload }, token) => {
              if (token === SECRET) return; // trimmed into the real one
              const response = await post(
                event,
                JSON.stringify(payload),
                token,
              );
              expect(response.status).toBe(403);
            },
          ),
          { numRuns: fuzzRuns(60) },
        );
        // Only the second sentinel was stored.
        expect(await drained()).toBe(before + 1);
      },
      fuzzTimeout(fuzzRuns(60)),
    );

    it('stores a replayed delivery (same X-Gitlab-Event-UUID, valid token) once', async () => {
      const payload = clone(deploymentHookExample);
      payload.deployment_id = 777001;
      const body = JSON.stringify(payload);
      for (let i = 0; i < 5; i++) {
        expect(
          (await post('Deployment Hook', body, SECRET, 'replayed-event-uuid'))
            .status,
        ).toBe(202);
      }
      // Once every replay has been handled: one row.
      await drained();
      expect(await storedWithId('10.126.0.2:3000/deployments/777001')).toBe(1);
    }, 180_000);
  },
);
