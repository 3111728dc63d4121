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
  pipelineHookExample,
} from './__testUtils__/fixtures';
import {
  databases,
  gitlabHeaders,
  useGitlabBackend,
} from './__testUtils__/backend';
import { shopDeploymentHook } from './__testUtils__/hooks';
import { c3, c4, secondDeploymentMapped } from './__testUtils__/scenario';
import { pipelineHookExampleMapped } from './__testUtils__/mappedExamples';

const SECRET = 'gitlab-webhook-secret';

describe.each(databases.eachSupportedId())(
  'GitLab source on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const { post, read, deploymentsOf, deploymentOf } = useGitlabBackend({
      databaseId,
      secret: SECRET,
      scheduler,
    });

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
  },
);
