/*
 * The GitLab source end to end: GitLab's example deliveries (and deliveries of the
 * scenario's project, shaped like them) POSTed with an X-Gitlab-Token to the events
 * backend's real webhook endpoint (token check and sub-topic routing from
 * @backstage/plugin-events-backend-module-gitlab), through this module into the real
 * delivery backend and its store, read back through its API; and the scheduled pull,
 * against a faked self-managed GitLab API.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  clone,
  deploymentHookExample,
  mergeRequestApprovalHookExample,
  mergeRequestHookExample,
  mergeRequestNoteHookExample,
  pipelineHookExample,
} from './__testUtils__/fixtures';
import {
  changeOf,
  changesOf,
  databases,
  gitlabHeaders,
  useGitlabBackend,
} from './__testUtils__/backend';
import {
  MONOREPO,
  mergeRequestHook,
  mergeRequestNoteHook,
  shopDeploymentHook,
} from './__testUtils__/hooks';
import {
  c3,
  c4,
  mappedChanges,
  mergeRequests,
  monorepoMergeRequests,
  secondDeploymentMapped,
} from './__testUtils__/scenario';
import { pipelineHookExampleMapped } from './__testUtils__/mappedExamples';

const SECRET = 'gitlab-webhook-secret';

describe.each(databases.eachSupportedId())(
  'GitLab source on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const suite = useGitlabBackend({
      databaseId,
      secret: SECRET,
      scheduler,
    });
    const { post, read, deploymentsOf, deploymentOf } = suite;

    /** POSTs a delivery the way GitLab does; `token: null` sends none. */
    const deliver = (
      payload: unknown,
      options: { token?: string | null; event?: string } = {},
    ) => {
      const token = options.token === undefined ? SECRET : options.token;
      return post(
        'gitlab',
        JSON.stringify(payload),
        gitlabHeaders(options.event ?? 'Deployment Hook', token),
      );
    };

    const sourceStatus = (id: string) =>
      read('/sources').then(
        ({ items }) =>
          items.find((item: { id: string }) => item.id === id) as
            | Record<string, unknown>
            | undefined,
      );

    it('stores GitLab’s example deployment delivery, mapped on its own without a token', async () => {
      const response = await deliver(clone(deploymentHookExample));
      expect(response.status).toBe(202);
      expect(
        await deploymentOf('webhooks-demo', '10.126.0.2:3000/deployments/15'),
      ).toEqual({
        kind: 'deployment',
        source: 'gitlab',
        id: '10.126.0.2:3000/deployments/15',
        entityRef: 'component:default/webhooks-demo',
        environment: 'staging',
        status: 'success',
        startedAt: '2021-04-28T19:50:00.000Z',
        finishedAt: '2021-04-28T19:50:00.000Z',
        version: '279484c0',
        url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
        // The example delivery's user.username.
        triggeredBy: 'root',
        commits: [],
      });
    });

    it('reads a delivered deployment from the self-managed instance’s API, with the commits it shipped', async () => {
      expect((await deliver(shopDeploymentHook())).status).toBe(202);
      expect(
        await deploymentOf('shop', 'gitlab.acme.test/deployments/101'),
      ).toEqual({
        ...secondDeploymentMapped,
        entityRef: 'component:default/shop',
        // First production deployment of c4 (08:00, 1.2 h before 09:12) and c3
        // (13:30 the day before, 19.7 h): median (1.2 + 19.7) / 2 = 10.45 h.
        leadTimeHours: 10.45,
        leadTimeChanges: 2,
        commits: [
          {
            sha: c4.id,
            committedAt: '2026-01-07T08:00:00.000Z',
            author: 'Grace',
            message: 'Validate coupons',
          },
          {
            sha: c3.id,
            committedAt: '2026-01-06T13:30:00.000Z',
            author: 'Grace',
            message: 'Add coupon field',
          },
        ],
      });
      expect(await sourceStatus('gitlab/gitlab.acme.test')).toMatchObject({
        source: 'gitlab',
        instance: 'gitlab.acme.test',
        failing: [],
      });
    });

    it('refuses deliveries with a wrong or no X-Gitlab-Token and stores nothing from them', async () => {
      const wrong = await deliver(shopDeploymentHook({ deployment_id: 100 }), {
        token: 'not-the-secret',
      });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ message: 'invalid token' });
      const missing = await deliver(
        shopDeploymentHook({ deployment_id: 102 }),
        { token: null },
      );
      expect(missing.status).toBe(403);

      // A valid delivery after them: once it is stored, the others would be too.
      expect(
        (await deliver(shopDeploymentHook({ deployment_id: 105 }))).status,
      ).toBe(202);
      await deploymentOf('shop', 'gitlab.acme.test/deployments/105');
      const ids = (await deploymentsOf('shop')).map(d => d.id);
      expect(ids).not.toContain('gitlab.acme.test/deployments/100');
      expect(ids).not.toContain('gitlab.acme.test/deployments/102');
    });

    it('reports a project no component is annotated with, storing nothing', async () => {
      const payload = shopDeploymentHook({ deployment_id: 7001 });
      payload.project.id = 77;
      payload.project.path_with_namespace = 'acme/unknown';
      payload.project.web_url = 'https://gitlab.acme.test/acme/unknown';
      expect((await deliver(payload)).status).toBe(202);

      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find(
          (item: { key: string }) =>
            item.key === 'gitlab.acme.test/acme/unknown',
        ),
      );
      expect(unmatched).toMatchObject({
        source: 'gitlab',
        key: 'gitlab.acme.test/acme/unknown',
        reason:
          'no component annotated gitlab.com/project-slug: acme/unknown or gitlab.com/project-id: 77 on gitlab.acme.test',
        count: 1,
      });
    });

    /** A change as GET /changes lists it, from what the module sent. */
    const listed = (
      sent: Record<string, any>,
      entityRef: string,
      extra: Record<string, unknown>,
    ) => {
      const { kind: _, commits: __, ...fields } = sent;
      const utc = (at?: string) => at && new Date(at).toISOString();
      return {
        ...fields,
        id: `${sent.id}@${entityRef}`,
        entityRef,
        openedAt: utc(sent.openedAt),
        ...(sent.firstCommitAt
          ? { firstCommitAt: utc(sent.firstCommitAt) }
          : {}),
        ...(sent.firstReviewAt
          ? { firstReviewAt: utc(sent.firstReviewAt) }
          : {}),
        ...(sent.mergedAt ? { mergedAt: utc(sent.mergedAt) } : {}),
        ...(sent.closedAt ? { closedAt: utc(sent.closedAt) } : {}),
        ...extra,
      };
    };

    /** Deployment 101 as GET /changes names the deployment that shipped a change. */
    const shippedBySecond = {
      source: 'gitlab',
      id: 'gitlab.acme.test/deployments/101',
      environment: 'production',
      finishedAt: '2026-01-07T09:12:00.000Z',
      version: '44444444',
      url: 'https://gitlab.acme.test/acme/shop/-/jobs/501',
    };

    it('stores a delivered merge request read from the API, with the stages of the deployment that shipped it', async () => {
      expect((await deliver(shopDeploymentHook())).status).toBe(202);
      await deploymentOf('shop', 'gitlab.acme.test/deployments/101');
      const response = await deliver(
        mergeRequestHook(mergeRequests.coupon, { action: 'merge' }),
        { event: 'Merge Request Hook' },
      );
      expect(response.status).toBe(202);

      const id = 'gitlab.acme.test/merge_requests/611@component:default/shop';
      expect(await changeOf(suite, 'shop', id)).toEqual(
        listed(mappedChanges.coupon, 'component:default/shop', {
          state: 'deployed',
          reviewed: true,
          stages: {
            // Opened 14:00, first commit (c3) 13:30.
            coding: 0.5,
            // linus' comment at 15:00.
            pickup: 1,
            // Merged at 17:00.
            review: 2,
            // Deployment 101 (it ships c3) finished at 09:12 the next day.
            deploy: 16.2,
          },
          deployment: shippedBySecond,
        }),
      );
    });

    it('reads a merge request again on an approval and a comment, storing it once', async () => {
      for (const [payload, event] of [
        [
          mergeRequestHook(mergeRequests.validation, { action: 'approval' }),
          'Merge Request Hook',
        ],
        [mergeRequestNoteHook(mergeRequests.validation), 'Note Hook'],
      ] as const) {
        expect((await deliver(payload, { event })).status).toBe(202);
      }
      const id = 'gitlab.acme.test/merge_requests/612@component:default/shop';
      expect(await changeOf(suite, 'shop', id)).toEqual(
        listed(mappedChanges.validation, 'component:default/shop', {
          state: 'deployed',
          reviewed: true,
          stages: {
            // Opened 21:00; its first branch commit 19:00 (20:00+01:00).
            coding: 2,
            // Approved at 07:45 the next morning: 10 h 45 min.
            pickup: 10.75,
            // Squashed and merged at 08:00.
            review: 0.25,
            // 101 ships the squash commit c4: 09:12 - 08:00.
            deploy: 1.2,
          },
          deployment: shippedBySecond,
        }),
      );
      expect(
        (await changesOf(suite, 'shop')).filter(c => c.id === id),
      ).toHaveLength(1);
    });

    it('attributes a monorepo merge request to each component whose paths it touches, and reports one touching none', async () => {
      const hook = (mr: (typeof monorepoMergeRequests)['totals']) =>
        deliver(mergeRequestHook(mr, { action: 'open', project: MONOREPO }), {
          event: 'Merge Request Hook',
        });
      expect((await hook(monorepoMergeRequests.totals)).status).toBe(202);
      expect((await hook(monorepoMergeRequests.docs)).status).toBe(202);

      const cart = await changeOf(
        suite,
        'cart',
        'gitlab.acme.test/merge_requests/621@component:default/cart',
      );
      const web = await changeOf(
        suite,
        'web',
        'gitlab.acme.test/merge_requests/621@component:default/web',
      );
      // One change each, the same merge request: opened 09:00, reviewed by
      // grace at 10:00, merged at 12:00; not deployed.
      for (const change of [cart, web]) {
        expect(change).toMatchObject({
          source: 'gitlab',
          number: 21,
          title: 'Show cart totals',
          author: 'ada',
          openedAt: '2026-01-07T09:00:00.000Z',
          firstCommitAt: '2026-01-07T08:00:00.000Z',
          firstReviewAt: '2026-01-07T10:00:00.000Z',
          mergedAt: '2026-01-07T12:00:00.000Z',
          mergeCommitSha: 'e'.repeat(40),
          // services/cart/total.ts +1; apps/web/cart.tsx +1 -1.
          additions: 2,
          deletions: 1,
          state: 'awaiting-deploy',
          reviewed: true,
        });
      }
      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find(
          (item: { key: string }) =>
            item.key === 'gitlab.acme.test/acme/monorepo merge requests',
        ),
      );
      expect(unmatched).toMatchObject({
        source: 'gitlab',
        reason:
          'merge request !22 of gitlab.acme.test/acme/monorepo: its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/cart, component:default/web; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
      });
      expect(await changesOf(suite, 'cart')).toHaveLength(1);
    });

    it('ignores GitLab’s example merge request, approval and comment deliveries, whose instances have no token', async () => {
      for (const [payload, event] of [
        [clone(mergeRequestHookExample), 'Merge Request Hook'],
        [clone(mergeRequestApprovalHookExample), 'Merge Request Hook'],
        [clone(mergeRequestNoteHookExample), 'Note Hook'],
      ] as const) {
        expect((await deliver(payload, { event })).status).toBe(202);
      }
      // A delivery after them: once it is handled, so are they (one queue, in order).
      await deliver(mergeRequestHook(mergeRequests.typo, { action: 'close' }), {
        event: 'Merge Request Hook',
      });
      await changeOf(
        suite,
        'shop',
        'gitlab.acme.test/merge_requests/614@component:default/shop',
      );
      const ids = (await suite.deliveryDb('changes').select('external_id')).map(
        row => row.external_id as string,
      );
      expect(ids.filter(id => id.startsWith('example.com'))).toEqual([]);
      expect(await sourceStatus('gitlab/example.com')).toBeUndefined();
    });

    it('reports a delivery it cannot process as a failing webhook of the instance', async () => {
      expect(
        (await deliver(shopDeploymentHook({ deployment_id: 999 }))).status,
      ).toBe(202);
      const status = await eventually(async () => {
        const found = await sourceStatus('gitlab/gitlab.acme.test');
        return (found?.failing as string[]).includes('webhook')
          ? found
          : undefined;
      });
      expect(status).toMatchObject({
        stale: true,
        lastError:
          'GitLab deployment 999 of acme/shop: GET /api/v4/projects/42/deployments/999: 404 Not Found (404 Deployment Not Found)',
      });
    });

    it('stores GitLab’s example pipeline delivery by a pipeline rule', async () => {
      const response = await deliver(clone(pipelineHookExample), {
        event: 'Pipeline Hook',
      });
      expect(response.status).toBe(202);
      expect(
        await deploymentOf('gitlab-test', '192.168.64.1:3005/pipelines/31'),
      ).toEqual({
        ...pipelineHookExampleMapped,
        entityRef: 'component:default/gitlab-test',
        // Committed 15:23:21, finished 15:26:29: 188 s = 188 / 3600 h.
        leadTimeHours: 188 / 3600,
        leadTimeChanges: 1,
        commits: [
          {
            sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
            committedAt: '2016-08-12T15:23:21.000Z',
            author: 'User',
            message: 'test\n',
          },
        ],
      });
    });

    it('schedules a pull that stores what webhooks missed, upserting what they delivered', async () => {
      const task = scheduledTask(scheduler, 'delivery-gitlab-pull');
      expect(task).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      });
      const delivered = await deploymentOf(
        'shop',
        'gitlab.acme.test/deployments/101',
      );

      await task.fn(new AbortController().signal);

      const shopEvents = await deploymentsOf('shop');
      expect(shopEvents.map(d => d.id).sort()).toEqual([
        'gitlab.acme.test/deployments/100',
        'gitlab.acme.test/deployments/101',
        'gitlab.acme.test/deployments/102',
        'gitlab.acme.test/deployments/103',
        'gitlab.acme.test/deployments/105',
        'gitlab.acme.test/pipelines/200',
        'gitlab.acme.test/pipelines/201',
        'gitlab.acme.test/pipelines/202',
      ]);
      // The delivered deployment, pulled again, is the same single row.
      expect(
        shopEvents.find(d => d.id === 'gitlab.acme.test/deployments/101'),
      ).toEqual(delivered);
      const running = shopEvents.find(
        d => d.id === 'gitlab.acme.test/deployments/103',
      );
      expect(running).toMatchObject({
        environment: 'staging',
        status: 'in_progress',
        startedAt: '2026-01-07T09:42:00.000Z',
      });
      expect(running).not.toHaveProperty('finishedAt');

      const sources = (await read('/sources')).items as {
        id: string;
        failing: string[];
        lastError?: string;
      }[];
      // The instances without a token are reported, not silently skipped: as not
      // configured (off until someone sets a token), never as stale.
      expect(
        sources.find(s => s.id === 'gitlab/10.126.0.2:3000'),
      ).toMatchObject({
        stale: false,
        failing: [],
        disabled: true,
        disabledReason:
          'not configured: no token for 10.126.0.2:3000 in integrations.gitlab: 1 annotated projects are not pulled',
      });
      // gitlab.com is in integrations.gitlab by default, without a token: off from
      // the start.
      expect(sources.find(s => s.id === 'gitlab/gitlab.com')).toMatchObject({
        stale: false,
        disabled: true,
        disabledReason:
          'not configured: no token for gitlab.com in integrations.gitlab',
      });
      expect(
        sources.find(s => s.id === 'gitlab/gitlab.acme.test')?.failing,
      ).toEqual(['webhook']);
    });

    it('pulls every merge request of the lookback, so the lead-time breakdown of the component adds up', async () => {
      // After the pull above: every merge request of acme/shop is stored, once.
      expect(
        (await changesOf(suite, 'shop')).map(c => [c.id, c.state]).sort(),
      ).toEqual([
        [
          'gitlab.acme.test/merge_requests/611@component:default/shop',
          'deployed',
        ],
        [
          'gitlab.acme.test/merge_requests/612@component:default/shop',
          'deployed',
        ],
        ['gitlab.acme.test/merge_requests/613@component:default/shop', 'open'],
        [
          'gitlab.acme.test/merge_requests/614@component:default/shop',
          'closed',
        ],
      ]);
      const breakdown = await read(
        '/lead-time-breakdown?entityRef=component:default/shop&from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z',
      );
      // !11 and !12, both reviewed and shipped by deployment 101; the draft and
      // the closed one are not counted. Two values a, b (a <= b): median
      // (a + b) / 2, p90 a + 0.9 (b - a).
      expect(breakdown).toMatchObject({
        changes: 2,
        reviewed: 2,
        unreviewed: 0,
        awaitingDeploy: 0,
      });
      const figure = (count: number, median: number, p90: number) => ({
        count,
        medianHours: expect.closeTo(median, 9),
        p90Hours: expect.closeTo(p90, 9),
      });
      expect(breakdown.stages).toEqual({
        // 0.5 and 2: 1.25, 0.5 + 0.9 * 1.5 = 1.85.
        coding: figure(2, 1.25, 1.85),
        // 1 and 10.75: 5.875, 1 + 0.9 * 9.75 = 9.775.
        pickup: figure(2, 5.875, 9.775),
        // 0.25 and 2: 1.125, 0.25 + 0.9 * 1.75 = 1.825.
        review: figure(2, 1.125, 1.825),
        // 1.2 and 16.2: 8.7, 1.2 + 0.9 * 15 = 14.7.
        deploy: figure(2, 8.7, 14.7),
      });
    });
  },
);
