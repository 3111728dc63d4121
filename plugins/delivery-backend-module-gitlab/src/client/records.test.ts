import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  API,
  c2,
  c3,
  c4,
  c5,
  deployments,
  pipelines,
  project,
  secondDeploymentMapped,
  serveGitlab,
  shop,
  stored,
  TOKEN,
  WEB,
} from '../__testUtils__/scenario';
import { GitlabApi } from './api';
import { apiDeploymentSchema, apiPipelineDetailSchema } from './schemas';
import { PipelineRule } from '../mapping/pipeline';
import { createRecordReader } from './records';

const server = setupServer();
registerMswTestHooks(server);

const setup = (projects = [shop]) => {
  const requests = serveGitlab(server, { projects });
  const logger = mockServices.logger.mock();
  const api = new GitlabApi({
    apiBaseUrl: API,
    token: TOKEN,
    retry: { attempts: 1, maxWaitMs: 0, sleep: async () => {} },
    logger,
  });
  return { api, requests, logger, reader: createRecordReader({ logger }) };
};

const deployment = (record: (typeof deployments)[keyof typeof deployments]) =>
  apiDeploymentSchema.parse(record);

describe('createRecordReader: deployments', () => {
  it('ships the commits since the previous successful deployment of the environment', async () => {
    const { api, reader, requests } = setup();
    expect(
      await reader.deployment(api, project, deployment(deployments.second)),
    ).toEqual({
      ...secondDeploymentMapped,
      commits: [
        stored(c4, '2026-01-07T08:00:00.000Z'),
        stored(c3, '2026-01-06T15:30:00.000+02:00'),
      ],
    });
    // The previous one finished before this one's job started; then the range.
    expect(requests.map(url => `${url.pathname}?${url.searchParams}`)).toEqual([
      '/api/v4/projects/42/deployments?environment=production&status=success&finished_before=2026-01-07T09%3A02%3A00Z&order_by=finished_at&sort=desc&per_page=1&page=1',
      `/api/v4/projects/42/repository/commits?per_page=100&ref_name=${c2.id}..${c4.id}&page=1`,
    ]);
  });

  it('ships the deployed commit alone on the first deployment of an environment', async () => {
    const { api, reader } = setup();
    const first = await reader.deployment(
      api,
      project,
      deployment(deployments.first),
    );
    expect(first?.commits).toEqual([stored(c2, '2026-01-06T10:00:00.000Z')]);
    const staging = await reader.deployment(
      api,
      project,
      deployment(deployments.running),
    );
    expect(staging).toMatchObject({
      environment: 'staging',
      status: 'in_progress',
      commits: [stored(c5, '2026-01-07T09:30:00.000Z')],
    });
    expect(staging).not.toHaveProperty('finishedAt');
  });

  it('counts a failed deployment’s commits from the last success, and a redeployment ships its commit again', async () => {
    const { api, reader } = setup();
    const failed = await reader.deployment(
      api,
      project,
      deployment(deployments.failed),
    );
    expect(failed).toMatchObject({
      status: 'failure',
      finishedAt: '2026-01-07T09:45:00.000Z',
      commits: [stored(c5, '2026-01-07T09:30:00.000Z')],
    });
    const redeploy = await reader.deployment(
      api,
      project,
      deployment(deployments.redeploy),
    );
    expect(redeploy?.commits).toEqual([stored(c4, '2026-01-07T08:00:00.000Z')]);
  });

  it('remembers the commits of finished deployments, not of running ones', async () => {
    const { api, reader, requests } = setup();
    await reader.deployment(api, project, deployment(deployments.second));
    await reader.deployment(api, project, deployment(deployments.running));
    const afterFirstReads = requests.length;
    await reader.deployment(api, project, deployment(deployments.second));
    expect(requests.length).toBe(afterFirstReads);
    await reader.deployment(api, project, deployment(deployments.running));
    expect(requests.length).toBe(afterFirstReads + 1);
  });

  it('keeps the deployed commit when the range cannot be listed', async () => {
    // The previous deployment's commit is gone from the history (force-pushed away).
    const { api, reader, logger } = setup([
      { ...shop, commits: shop.commits!.filter(c => c.id !== c2.id) },
    ]);
    const second = await reader.deployment(
      api,
      project,
      deployment(deployments.second),
    );
    expect(second?.commits).toEqual([stored(c4, '2026-01-07T08:00:00.000Z')]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Could not list commits ${c2.id}..${c4.id} of acme/shop on gitlab.acme.test`,
      ),
    );
  });

  it('reads the commit of a deployment made through the API, which has no job', async () => {
    const { api, reader } = setup();
    const first = await reader.deployment(
      api,
      project,
      apiDeploymentSchema.parse({ ...deployments.first, deployable: null }),
    );
    expect(first).toMatchObject({
      url: `${WEB}/-/environments/9`,
      commits: [stored(c2, '2026-01-06T10:00:00.000Z')],
    });
  });

  it('reads nothing for a deployment whose job has not started', async () => {
    const { api, reader, requests } = setup();
    expect(
      await reader.deployment(api, project, deployment(deployments.created)),
    ).toBeUndefined();
    expect(requests).toEqual([]);
  });
});

describe('createRecordReader: pipelines', () => {
  const rules: PipelineRule[] = [{ ref: 'main', environment: 'production' }];
  const detail = (record: (typeof pipelines)[keyof typeof pipelines]) =>
    apiPipelineDetailSchema.parse(record);

  it('ships the commits since the previous successful pipeline of the same rule', async () => {
    const { api, reader } = setup();
    expect(
      await reader.pipeline(api, project, detail(pipelines.second), rules),
    ).toEqual({
      kind: 'deployment',
      source: 'gitlab',
      id: 'gitlab.acme.test/pipelines/202',
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-07T09:36:00.000Z',
      finishedAt: '2026-01-07T09:50:00.000Z',
      version: '55555555',
      url: `${WEB}/-/pipelines/202`,
      triggeredBy: 'root (push)',
      commits: [
        stored(c5, '2026-01-07T09:30:00.000Z'),
        stored(c4, '2026-01-07T08:00:00.000Z'),
        stored(c3, '2026-01-06T15:30:00.000+02:00'),
      ],
    });
  });

  it('ships the pipeline’s commit alone when no earlier one succeeded', async () => {
    const { api, reader } = setup();
    const first = await reader.pipeline(
      api,
      project,
      detail(pipelines.first),
      rules,
    );
    expect(first?.commits).toEqual([stored(c2, '2026-01-06T10:00:00.000Z')]);
  });

  it('reads nothing for a pipeline no rule maps', async () => {
    const { api, reader, requests } = setup();
    expect(
      await reader.pipeline(api, project, detail(pipelines.feature), rules),
    ).toBeUndefined();
    expect(requests).toEqual([]);
  });
});
