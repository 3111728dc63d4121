/*
 * The GitHub source end to end: GitHub's example deliveries, signed like GitHub signs
 * them, POSTed to the events backend's real webhook endpoint (signature check and
 * sub-topic routing from @backstage/plugin-events-backend-module-github), through this
 * module into the real delivery backend and its store, read back through its API;
 * and the scheduled pull, against a faked GitHub API.
 */
import {
  annotatedComponent,
  eventually,
  scheduledTask,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { examplesOf, withLabels } from './__testUtils__/examples';
import {
  EXAMPLE_SHA,
  issueResponse,
  serveExampleCommit,
  serveIssues,
} from './__testUtils__/githubApi';
import {
  databases,
  githubHeaders,
  PULL_TASK_ID,
  useGithubBackend,
} from './__testUtils__/scenario';

const SECRET = 'test-secret';

const entities = [
  // Case differs from the payloads' "Codertocat/Hello-World" on purpose.
  annotatedComponent('hello-world', {
    'github.com/project-slug': 'codertocat/hello-world',
  }),
  annotatedComponent('octo', {
    'github.com/project-slug': 'octo-org/octo-repo',
  }),
];

// GitHub's REST API, for the commit behind the example deployment.
const github = setupServer(serveExampleCommit('Update README'));

describe.each(databases.eachSupportedId())(
  'GitHub webhooks on %p',
  databaseId => {
    const scheduler = mockServices.scheduler.mock();
    const { post, read, deploymentsOf, deploymentOf, incidentsOf, incidentOf } =
      useGithubBackend({
        databaseId,
        api: github,
        entities,
        secret: SECRET,
        token: 'ghp_test',
        github: { workflows: [{ name: 'test', environment: 'production' }] },
        scheduler,
      });

    afterEach(() => github.resetHandlers());

    /** POSTs a delivery the way GitHub does; `secret: null` leaves it unsigned. */
    const deliver = (
      event: string,
      payload: unknown,
      options: { secret?: string | null; deliveryId?: string } = {},
    ) => {
      const body = JSON.stringify(payload);
      const secret = options.secret === undefined ? SECRET : options.secret;
      return post(
        'github',
        body,
        githubHeaders(event, body, { secret, deliveryId: options.deliveryId }),
      );
    };

    /** A status example for its own deployment, so tests do not see each other. */
    const statusFor = (deploymentId: number, index = 0) => {
      const payload = examplesOf('deployment_status')[index];
      payload.deployment.id = deploymentId;
      return payload;
    };

    it('stores a signed deployment status for the annotated component, with its commit time from the API', async () => {
      const response = await deliver('deployment_status', statusFor(145988746));
      expect(response.status).toBe(202);

      const stored = await deploymentOf(
        'hello-world',
        'Codertocat/Hello-World/deployments/145988746',
      );
      expect(stored).toEqual({
        kind: 'deployment',
        source: 'github',
        id: 'Codertocat/Hello-World/deployments/145988746',
        entityRef: 'component:default/hello-world',
        environment: 'production',
        status: 'success',
        startedAt: '2019-05-15T15:20:53.000Z',
        finishedAt: '2019-05-15T15:20:55.000Z',
        version: 'f95f852',
        url: 'https://github.com/Codertocat/Hello-World/deployments',
        // The example's deployment.creator.login.
        triggeredBy: 'Codertocat',
        // Committed 14:00:00, deployed by 15:20:55: 4,855 s.
        leadTimeHours: 4855 / 3600,
        leadTimeChanges: 1,
        commits: [
          {
            sha: EXAMPLE_SHA,
            committedAt: '2019-05-15T14:00:00.000Z',
            author: 'Monalisa Octocat',
            message: 'Update README',
          },
        ],
      });
    });

    it('updates one deployment as its statuses arrive, and stores a redelivery once', async () => {
      const id = 'Codertocat/Hello-World/deployments/2001';
      const inProgress = statusFor(2001, 1);
      expect((await deliver('deployment_status', inProgress)).status).toBe(202);
      expect(await deploymentOf('hello-world', id)).toMatchObject({
        status: 'in_progress',
        environment: 'github-pages',
      });

      const success = statusFor(2001);
      const deliveryId = randomUUID();
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await deliver('deployment_status', success, {
          deliveryId,
        });
        expect(response.status).toBe(202);
      }
      await eventually(async () => {
        const found = await deploymentOf('hello-world', id);
        return found.status === 'success' ? found : undefined;
      });
      const all = await deploymentsOf('hello-world');
      expect(all.filter(d => d.id === id)).toHaveLength(1);
    });

    it('rejects forged and unsigned deliveries and stores nothing from them', async () => {
      const forged = await deliver('deployment_status', statusFor(3001), {
        secret: 'not-the-secret',
      });
      expect(forged.status).toBe(403);
      expect(await forged.json()).toEqual({ message: 'invalid signature' });
      const unsigned = await deliver('deployment_status', statusFor(3002), {
        secret: null,
      });
      expect(unsigned.status).toBe(403);

      // A valid delivery after them: once it is stored, the others would be too.
      await deliver('deployment_status', statusFor(3003));
      await deploymentOf(
        'hello-world',
        'Codertocat/Hello-World/deployments/3003',
      );
      const ids = (await deploymentsOf('hello-world')).map(d => d.id);
      expect(ids).not.toContain('Codertocat/Hello-World/deployments/3001');
      expect(ids).not.toContain('Codertocat/Hello-World/deployments/3002');
    });

    it('reports a repository no component is annotated with, storing no deployment', async () => {
      const payload = statusFor(4001);
      payload.repository.full_name = 'acme/unknown';
      payload.repository.html_url = 'https://github.com/acme/unknown';
      expect((await deliver('deployment_status', payload)).status).toBe(202);

      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find((item: { key: string }) => item.key === 'acme/unknown'),
      );
      expect(unmatched).toMatchObject({
        source: 'github',
        key: 'acme/unknown',
        reason: 'no component annotated github.com/project-slug: acme/unknown',
        count: 1,
      });
      for (const name of ['hello-world', 'octo']) {
        expect(
          (await deploymentsOf(name)).filter(d =>
            d.id.startsWith('acme/unknown'),
          ),
        ).toEqual([]);
      }
    });

    it('stores completed runs of deployment workflows only', async () => {
      const ci = examplesOf('workflow_run')[1];
      ci.workflow.name = 'CI';
      ci.workflow_run.id = 5001;
      expect((await deliver('workflow_run', ci)).status).toBe(202);
      expect(
        (await deliver('workflow_run', examplesOf('workflow_run')[1])).status,
      ).toBe(202);

      const stored = await deploymentOf(
        'octo',
        'octo-org/octo-repo/runs/289782451',
      );
      expect(stored).toEqual({
        kind: 'deployment',
        source: 'github',
        id: 'octo-org/octo-repo/runs/289782451',
        entityRef: 'component:default/octo',
        environment: 'production',
        status: 'success',
        startedAt: '2020-10-05T16:33:49.000Z',
        finishedAt: '2020-10-05T16:33:49.000Z',
        version: '3484a3f',
        url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
        // The example's triggering_actor.login and event.
        triggeredBy: 'Codertocat (repository_dispatch)',
        // Committed 16:32:07, finished 16:33:49: 102 s.
        leadTimeHours: 102 / 3600,
        leadTimeChanges: 1,
        commits: [
          {
            sha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
            committedAt: '2020-10-05T16:32:07.000Z',
            author: 'Matthias Fax',
            message: 'build(test): check workflow run event payload',
          },
        ],
      });
      expect((await deploymentsOf('octo')).map(d => d.id)).toEqual([
        'octo-org/octo-repo/runs/289782451',
      ]);
    });

    it('stores an issue labelled as an incident, resolves it when closed and reopens it', async () => {
      // GitHub's "labeled" example, as issue #101 with the label and a deployment.
      const issue = (action: 'labeled' | 'closed' | 'reopened') => {
        const payload = withLabels(examplesOf('issues')[9], ['Incident']);
        payload.action = action as never;
        payload.issue.number = 101;
        payload.issue.html_url =
          'https://github.com/Codertocat/Hello-World/issues/101';
        payload.issue.body =
          'Deployment: https://api.github.com/repos/Codertocat/Hello-World/deployments/145988746';
        if (action === 'closed') {
          payload.issue.state = 'closed';
          payload.issue.closed_at = '2019-05-15T16:50:18Z';
        }
        if (action === 'reopened') {
          // GitHub keeps closed_at on reopened issues.
          payload.issue.closed_at = '2019-05-15T16:50:18Z';
        }
        return payload;
      };
      const id =
        'Codertocat/Hello-World/issues/101@component:default/hello-world';

      expect((await deliver('issues', issue('labeled'))).status).toBe(202);
      expect(await incidentOf('hello-world', id)).toEqual({
        kind: 'incident',
        source: 'github',
        id,
        entityRef: 'component:default/hello-world',
        title: 'Spelling error in the README file',
        openedAt: '2019-05-15T15:20:18.000Z',
        deploymentId: 'Codertocat/Hello-World/deployments/145988746',
        url: 'https://github.com/Codertocat/Hello-World/issues/101',
      });

      await deliver('issues', issue('closed'));
      await incidentOf('hello-world', id, i => !!i.resolvedAt);
      expect(
        (await incidentsOf('hello-world')).find(i => i.id === id),
      ).toMatchObject({ resolvedAt: '2019-05-15T16:50:18.000Z' });

      await deliver('issues', issue('reopened'));
      await incidentOf('hello-world', id, i => !i.resolvedAt);
      expect(
        (await incidentsOf('hello-world')).filter(i => i.id === id),
      ).toHaveLength(1);
    });

    it('schedules a pull of the GitHub API that stores what webhooks missed', async () => {
      const task = scheduledTask(scheduler, PULL_TASK_ID);
      expect(task).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      });

      // The REST API returns the representations GitHub's webhook examples embed.
      const runExample = examplesOf('workflow_run')[1];
      const api = 'https://api.github.com/repos';
      github.use(
        http.get(`${api}/codertocat/hello-world`, () =>
          HttpResponse.json(examplesOf('deployment_status')[0].repository),
        ),
        http.get(`${api}/octo-org/octo-repo`, () =>
          HttpResponse.json(runExample.repository),
        ),
        http.get(`${api}/:owner/:repo/deployments`, () =>
          HttpResponse.json([]),
        ),
        http.get(`${api}/Codertocat/Hello-World/actions/workflows`, () =>
          HttpResponse.json({ total_count: 0, workflows: [] }),
        ),
        serveIssues(`${api}/Codertocat/Hello-World`, []),
        // Pull requests: see changes.test.ts.
        http.get(`${api}/:owner/:repo/pulls`, () => HttpResponse.json([])),
        serveIssues(`${api}/octo-org/octo-repo`, [
          [
            issueResponse({
              owner: 'octo-org',
              repo: 'octo-repo',
              number: 7,
              title: 'Deploy broke the API',
              body: 'Deployment: runs/6001',
              labels: ['incident', 'severity:critical'],
              createdAt: '2020-10-05T17:00:00Z',
              closedAt: '2020-10-05T18:15:00Z',
            }),
          ],
        ]),
        http.get(`${api}/octo-org/octo-repo/actions/workflows`, () =>
          HttpResponse.json({
            total_count: 1,
            workflows: [runExample.workflow],
          }),
        ),
        http.get(
          `${api}/octo-org/octo-repo/actions/workflows/${runExample.workflow.id}/runs`,
          () =>
            HttpResponse.json({
              total_count: 1,
              workflow_runs: [
                {
                  ...runExample.workflow_run,
                  id: 6001,
                  // Within the pull's 7-day lookback.
                  created_at: new Date().toISOString(),
                  conclusion: 'failure',
                },
              ],
            }),
        ),
      );
      await task.fn(new AbortController().signal);

      expect(
        await deploymentOf('octo', 'octo-org/octo-repo/runs/6001'),
      ).toMatchObject({
        entityRef: 'component:default/octo',
        environment: 'production',
        status: 'failure',
      });
      expect(
        await incidentOf(
          'octo',
          'octo-org/octo-repo/issues/7@component:default/octo',
        ),
      ).toEqual({
        kind: 'incident',
        source: 'github',
        id: 'octo-org/octo-repo/issues/7@component:default/octo',
        entityRef: 'component:default/octo',
        title: 'Deploy broke the API',
        severity: 'critical',
        openedAt: '2020-10-05T17:00:00.000Z',
        resolvedAt: '2020-10-05T18:15:00.000Z',
        deploymentId: 'octo-org/octo-repo/runs/6001',
        url: 'https://github.com/octo-org/octo-repo/issues/7',
      });
    });
  },
);
