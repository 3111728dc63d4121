import { deliveryEventSchema } from '@internal/backstage-plugin-delivery-common';
import {
  clone,
  commitExample,
  deploymentExample,
  deploymentHookExample,
} from '../__testUtils__/fixtures';
import { apiDeploymentSchema } from '../client/schemas';
import { GitlabProject } from './common';
import {
  commitFromApi,
  deploymentStatus,
  fromApiDeployment,
  fromDeploymentHook,
} from './deployment';
import { deploymentHookSchema } from './hooks';
import { deploymentHookExampleMapped } from '../__testUtils__/mappedExamples';

const hook = (
  changes: Partial<Record<keyof typeof deploymentHookExample, unknown>> = {},
) =>
  deploymentHookSchema.parse({ ...clone(deploymentHookExample), ...changes });

/** The project of the Deployments API example (its job and pipeline URLs are on gitlab.dev). */
const project: GitlabProject = {
  instance: 'gitlab.dev',
  id: 1,
  path: 'root/project',
  webUrl: 'http://gitlab.dev/root/project',
};

const apiDeployment = (
  change: (d: typeof deploymentExample) => void = () => {},
) => {
  const deployment = clone(deploymentExample);
  change(deployment);
  return apiDeploymentSchema.parse(deployment);
};

const commits = [
  {
    sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
    committedAt: '2016-08-11T13:28:26.000+02:00',
  },
];

describe('deploymentStatus', () => {
  it.each([
    ['created', undefined],
    ['running', 'in_progress'],
    ['blocked', 'in_progress'],
    ['success', 'success'],
    ['failed', 'failure'],
    ['canceled', 'cancelled'],
    ['skipped', undefined],
    ['constructor', undefined],
    ['unheard-of', undefined],
  ])('maps %s to %s', (status, expected) => {
    expect(deploymentStatus(status)).toBe(expected);
  });
});

describe('fromDeploymentHook', () => {
  it('maps GitLab’s example delivery on its own', () => {
    const event = fromDeploymentHook(hook(), '10.126.0.2:3000');
    expect(event).toEqual({
      ...deploymentHookExampleMapped,
      commits: [],
    });
    expect(
      deliveryEventSchema.safeParse({
        ...event,
        entityRef: 'component:default/x',
      }).success,
    ).toBe(true);
  });

  it('leaves a running deployment unfinished', () => {
    expect(
      fromDeploymentHook(hook({ status: 'running' }), 'gitlab.com'),
    ).toMatchObject({ status: 'in_progress' });
    expect(
      fromDeploymentHook(hook({ status: 'running' }), 'gitlab.com'),
    ).not.toHaveProperty('finishedAt');
  });

  it('links a deployment made through the API, which has no job, to the environments', () => {
    expect(
      fromDeploymentHook(hook({ deployable_url: null }), 'gitlab.com')?.url,
    ).toBe(
      'http://10.126.0.2:3000/root/test-deployment-webhooks/-/environments',
    );
  });

  it('stores nothing for a status that deployed nothing', () => {
    expect(
      fromDeploymentHook(hook({ status: 'created' }), 'x'),
    ).toBeUndefined();
    expect(
      fromDeploymentHook(hook({ status: 'skipped' }), 'x'),
    ).toBeUndefined();
  });

  it('names an unreadable time', () => {
    expect(() =>
      fromDeploymentHook(hook({ status_changed_at: 'yesterday' }), 'x'),
    ).toThrow('status_changed_at is not a time: yesterday');
  });
});

describe('fromApiDeployment', () => {
  it('maps GitLab’s example deployment, raising its job’s earlier finish to the start', () => {
    // The example's job finished (11:32:35.145) before the deployment's creation
    // (11:32:35.444) and has no start time.
    const event = fromApiDeployment(apiDeployment(), project, commits);
    expect(event).toEqual({
      kind: 'deployment',
      source: 'gitlab',
      id: 'gitlab.dev/deployments/42',
      environment: 'production',
      status: 'success',
      startedAt: '2016-08-11T11:32:35.444Z',
      finishedAt: '2016-08-11T11:32:35.444Z',
      version: 'a91957a8',
      url: 'http://gitlab.dev/root/project/-/jobs/664',
      // The example's user.username.
      triggeredBy: 'root',
      commits,
    });
  });

  it('takes start and finish from the job when it ran', () => {
    const event = fromApiDeployment(
      apiDeployment(d => {
        d.deployable.started_at = '2016-08-11T11:40:00.000Z';
        d.deployable.finished_at = '2016-08-11T11:45:30.000Z';
      }),
      project,
      commits,
    );
    expect(event).toMatchObject({
      startedAt: '2016-08-11T11:40:00.000Z',
      finishedAt: '2016-08-11T11:45:30.000Z',
    });
  });

  it('prefers the deployment’s own finished_at, which newer GitLab versions send', () => {
    const event = fromApiDeployment(
      apiDeployment(d => {
        d.deployable.started_at = '2016-08-11T11:40:00.000Z';
        Object.assign(d, { finished_at: '2016-08-11T11:46:00.000Z' });
      }),
      project,
      commits,
    );
    expect(event?.finishedAt).toBe('2016-08-11T11:46:00.000Z');
  });

  it('names a tag by its ref', () => {
    const event = fromApiDeployment(
      apiDeployment(d => {
        d.ref = 'v1.4.0';
        d.deployable.tag = true;
      }),
      project,
      commits,
    );
    expect(event?.version).toBe('v1.4.0');
  });

  it('maps a deployment made through the API: no job, so its environment’s page and last update', () => {
    const event = fromApiDeployment(
      apiDeployment(d => {
        Object.assign(d, { deployable: null });
      }),
      project,
      [],
    );
    expect(event).toMatchObject({
      url: 'http://gitlab.dev/root/project/-/environments/9',
      startedAt: '2016-08-11T11:32:35.444Z',
      finishedAt: '2016-08-11T11:34:01.123Z',
      version: 'a91957a8',
    });
  });

  it('leaves a blocked deployment (awaiting approval) in progress', () => {
    const event = fromApiDeployment(
      apiDeployment(d => {
        d.status = 'blocked';
      }),
      project,
      commits,
    );
    expect(event?.status).toBe('in_progress');
    expect(event).not.toHaveProperty('finishedAt');
  });

  it('stores nothing for a deployment whose job has not started', () => {
    expect(
      fromApiDeployment(
        apiDeployment(d => {
          d.status = 'created';
        }),
        project,
        commits,
      ),
    ).toBeUndefined();
  });
});

describe('commitFromApi', () => {
  it('reads a deployment job’s commit, whose created_at is the committed date', () => {
    expect(commitFromApi(deploymentExample.deployable.commit)).toEqual({
      sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
      committedAt: '2016-08-11T13:28:26.000+02:00',
      author: 'Administrator',
      message:
        "Merge branch 'rename-readme' into 'main'\r\n\r\nRename README\r\n\r\n\r\n\r\nSee merge request !2",
    });
  });

  it('reads the Commits API’s committed_date', () => {
    expect(commitFromApi(commitExample)).toEqual({
      sha: '6104942438c14ec7bd21c6cd5bd995272b3faff6',
      committedAt: '2012-09-20T09:06:12.000+03:00',
      author: 'randx',
      message: 'Sanitize for network graph',
    });
  });

  it('answers undefined for a commit without a time', () => {
    expect(
      commitFromApi({ id: 'abc', committed_date: null, created_at: null }),
    ).toBeUndefined();
  });
});
