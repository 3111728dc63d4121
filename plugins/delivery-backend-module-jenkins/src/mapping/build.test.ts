import { deploymentEventSchema } from '@internal/backstage-plugin-delivery-common';
import {
  freestyleBuild,
  gitChange,
  JENKINS,
  jobUrl,
  pipelineBuild,
  timerCause,
  upstreamCause,
  userCause,
} from '../__testUtils__/jenkinsApi';
import {
  buildCommits,
  buildParameters,
  buildSchema,
  buildTriggeredBy,
  deploymentId,
  deploymentStatus,
  toDeploymentEvent,
} from './build';

const SHOP_DEPLOY = jobUrl(JENKINS, 'shop/deploy');
const parse = (build: object) => buildSchema.parse(build);
const context = {
  instance: 'default',
  jobFullName: 'shop/deploy',
  entityRef: 'component:default/shop',
  environment: 'production',
};

describe('toDeploymentEvent', () => {
  it('maps a finished pipeline run with its commits', () => {
    const build = parse(
      pipelineBuild({
        jobUrl: SHOP_DEPLOY,
        number: 42,
        result: 'SUCCESS',
        startedAt: '2026-01-07T10:00:00Z',
        duration: 95_000,
        displayName: 'v1.4.2',
        causes: [userCause('jane', 'Jane Doe')],
        changes: [
          {
            commitId: 'c522ae3469c4000c47d357950d7837db48912744',
            at: '2026-01-07T09:30:00+01:00',
            msg: 'Fix checkout rounding',
            authorEmail: 'jane@example.com',
            fullName: 'Jane Doe',
          },
          {
            commitId: '7b1275353e5bcf24bdbad2927bed682a158a5e95',
            at: '2026-01-07T09:45:10Z',
            msg: 'Bump version',
            authorEmail: 'ci@example.com',
            fullName: 'CI',
          },
        ],
      }),
    );
    const event = toDeploymentEvent(build, { ...context, status: 'success' });
    expect(event).toEqual({
      kind: 'deployment',
      source: 'jenkins',
      id: 'default:shop/deploy#42',
      entityRef: 'component:default/shop',
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-07T10:00:00.000Z',
      finishedAt: '2026-01-07T10:01:35.000Z',
      version: 'v1.4.2',
      url: 'https://jenkins.example.com/job/shop/job/deploy/42/',
      // The CauseAction's Cause$UserIdCause.
      triggeredBy: 'jane (manual build)',
      commits: [
        {
          sha: 'c522ae3469c4000c47d357950d7837db48912744',
          committedAt: '2026-01-07T08:30:00.000Z',
          author: 'jane@example.com',
          message: 'Fix checkout rounding',
        },
        {
          sha: '7b1275353e5bcf24bdbad2927bed682a158a5e95',
          committedAt: '2026-01-07T09:45:10.000Z',
          author: 'ci@example.com',
          message: 'Bump version',
        },
      ],
    });
    expect(deploymentEventSchema.safeParse(event).success).toBe(true);
  });

  it('maps a running build without finish, the display name as version unless a parameter gives one', () => {
    const build = parse(
      pipelineBuild({
        jobUrl: SHOP_DEPLOY,
        number: 43,
        result: null,
        startedAt: '2026-01-07T11:00:00Z',
        duration: 0,
      }),
    );
    expect(build.building).toBe(true);
    const event = toDeploymentEvent(build, {
      ...context,
      status: 'in_progress',
    });
    expect(event).toEqual({
      kind: 'deployment',
      source: 'jenkins',
      id: 'default:shop/deploy#43',
      entityRef: 'component:default/shop',
      environment: 'production',
      status: 'in_progress',
      startedAt: '2026-01-07T11:00:00.000Z',
      version: '#43',
      url: 'https://jenkins.example.com/job/shop/job/deploy/43/',
      commits: [],
    });
    expect(deploymentEventSchema.safeParse(event).success).toBe(true);
    expect(
      toDeploymentEvent(build, {
        ...context,
        status: 'in_progress',
        version: '2.0.1',
      }).version,
    ).toBe('2.0.1');
  });

  it('leaves out a url that is not http(s)', () => {
    const build = parse({
      ...pipelineBuild({
        jobUrl: SHOP_DEPLOY,
        number: 1,
        result: 'SUCCESS',
        startedAt: '2026-01-07T11:00:00Z',
        duration: 1000,
      }),
      url: 'job/shop/job/deploy/1/',
    });
    expect(
      toDeploymentEvent(build, { ...context, status: 'success' }),
    ).not.toHaveProperty('url');
  });
});

describe('deploymentStatus', () => {
  it.each([
    ['SUCCESS', false, 'success'],
    ['FAILURE', false, 'failure'],
    ['UNSTABLE', false, 'failure'],
    ['ABORTED', false, 'cancelled'],
    ['NOT_BUILT', false, 'cancelled'],
    [null, true, 'in_progress'],
    // A pipeline can set its result before it ends; it is still running.
    ['FAILURE', true, 'in_progress'],
    ['SOMETHING_NEW', false, undefined],
  ])('maps result %p (building %p) to %p', (result, building, status) => {
    expect(deploymentStatus({ result, building }, 'failure')).toBe(status);
  });

  it('counts UNSTABLE as success when configured so', () => {
    expect(
      deploymentStatus({ result: 'UNSTABLE', building: false }, 'success'),
    ).toBe('success');
  });
});

describe('buildCommits', () => {
  it('reads a freestyle changeSet and pipeline changeSets, each commit once, skipping those without time', () => {
    const jane = {
      commitId: 'aae92e10eb79be777595b5158fb7bf706eb6210d',
      at: '2026-01-06T12:00:00Z',
      msg: 'Invite UI',
      authorEmail: '',
      fullName: 'Jane Doe',
    };
    const build = parse({
      ...freestyleBuild({
        jobUrl: SHOP_DEPLOY,
        number: 7,
        result: 'SUCCESS',
        startedAt: '2026-01-07T10:00:00Z',
        duration: 1,
        changes: [jane],
      }),
      changeSets: [
        {
          _class: 'hudson.plugins.git.GitChangeSetList',
          items: [
            gitChange(jane),
            { ...gitChange({ ...jane, commitId: 'bdff807' }), timestamp: -1 },
            {
              ...gitChange({ ...jane, commitId: 'c0ffee' }),
              msg: 'x'.repeat(6000),
            },
          ],
        },
      ],
    });
    expect(buildCommits(build)).toEqual([
      {
        sha: 'aae92e10eb79be777595b5158fb7bf706eb6210d',
        committedAt: '2026-01-06T12:00:00.000Z',
        // No e-mail: the full name.
        author: 'Jane Doe',
        message: 'Invite UI',
      },
      {
        sha: 'c0ffee',
        committedAt: '2026-01-06T12:00:00.000Z',
        author: 'Jane Doe',
        message: 'x'.repeat(5000),
      },
    ]);
  });
});

describe('buildParameters', () => {
  it('reads string and boolean parameters of the ParametersAction, skipping values that are not plain', () => {
    const build = parse({
      ...pipelineBuild({
        jobUrl: SHOP_DEPLOY,
        number: 1,
        result: 'SUCCESS',
        startedAt: '2026-01-07T10:00:00Z',
        duration: 1,
        parameters: { DEPLOY_ENV: 'staging', DRY_RUN: false },
      }),
    });
    build.actions!.push({
      _class: 'hudson.model.ParametersAction',
      parameters: [
        { _class: 'hudson.model.FileParameterValue', name: 'BUNDLE' },
        { _class: 'hudson.model.RunParameterValue', name: 'RUN', value: {} },
      ],
    });
    expect(buildParameters(build)).toEqual({
      DEPLOY_ENV: 'staging',
      DRY_RUN: 'false',
    });
  });
});

describe('deploymentId', () => {
  it('is instance:job#number, hashed past 200 characters', () => {
    expect(deploymentId('eu', 'payments/deploy', 7)).toBe(
      'eu:payments/deploy#7',
    );
    const long = `team/${'x'.repeat(250)}`;
    const id = deploymentId('default', long, 123);
    expect(id).toHaveLength(200);
    expect(id).toMatch(/^default:team\/x+~[0-9a-f]{16}#123$/);
    expect(deploymentId('default', long, 123)).toBe(id);
    expect(deploymentId('default', `${long}y`, 123)).not.toBe(id);
  });
});

describe('buildTriggeredBy', () => {
  const run = (causes?: Record<string, string | number>[]) =>
    parse(
      pipelineBuild({
        jobUrl: SHOP_DEPLOY,
        number: 7,
        result: 'SUCCESS',
        startedAt: '2026-01-07T10:00:00Z',
        duration: 1_000,
        causes,
      }),
    );

  it('names a user, a timer, an upstream build, or the cause as Jenkins words it', () => {
    expect(buildTriggeredBy(run([userCause('jane', 'Jane Doe')]))).toBe(
      'jane (manual build)',
    );
    expect(buildTriggeredBy(run([timerCause]))).toBe('jenkins: timer');
    expect(buildTriggeredBy(run([upstreamCause('shop/build', 311)]))).toBe(
      'jenkins: upstream shop/build #311',
    );
    expect(
      buildTriggeredBy(
        run([
          {
            _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause',
            shortDescription: 'Started by an SCM change',
          },
        ]),
      ),
    ).toBe('jenkins: SCM change');
    expect(
      buildTriggeredBy(
        run([
          {
            _class: 'com.cloudbees.jenkins.GitHubPushCause',
            shortDescription: 'Started by GitHub push by octocat',
          },
        ]),
      ),
    ).toBe('Started by GitHub push by octocat');
    // The first cause is the one that queued the build.
    expect(
      buildTriggeredBy(run([timerCause, userCause('jane', 'Jane Doe')])),
    ).toBe('jenkins: timer');
  });

  it('is undefined when the build names no cause', () => {
    expect(buildTriggeredBy(run())).toBeUndefined();
  });
});
