import { deliveryEventSchema } from '@internal/backstage-plugin-delivery-common';
import {
  clone,
  pipelineExample,
  pipelineHookExample,
} from '../__testUtils__/fixtures';
import { apiPipelineDetailSchema } from '../client/schemas';
import { pipelineHookSchema } from './hooks';
import {
  fromApiPipeline,
  fromPipelineHook,
  PipelineRule,
  pipelineStatus,
  ruleForPipeline,
} from './pipeline';
import { pipelineHookExampleMapped } from '../__testUtils__/mappedExamples';

const rules: PipelineRule[] = [
  { ref: 'main', environment: 'production' },
  { ref: 'release/*', source: 'push', environment: 'staging' },
  { name: 'Deploy *', environment: 'live' },
];

describe('ruleForPipeline', () => {
  it('picks the first rule whose patterns all match', () => {
    expect(ruleForPipeline(rules, { ref: 'main' })).toBe(rules[0]);
    expect(ruleForPipeline(rules, { ref: 'release/1.2', source: 'push' })).toBe(
      rules[1],
    );
    expect(
      ruleForPipeline(rules, { ref: 'feature/x', name: 'Deploy canary' }),
    ).toBe(rules[2]);
  });

  it('matches no rule when a named field is missing or differs', () => {
    expect(
      ruleForPipeline(rules, { ref: 'release/1.2', source: 'web' }),
    ).toBeUndefined();
    expect(
      ruleForPipeline(rules, { ref: 'feature/x', name: null }),
    ).toBeUndefined();
    expect(ruleForPipeline([], { ref: 'main' })).toBeUndefined();
  });
});

describe('pipelineStatus', () => {
  it.each([
    ['created', undefined],
    ['waiting_for_resource', 'in_progress'],
    ['preparing', 'in_progress'],
    ['pending', 'in_progress'],
    ['running', 'in_progress'],
    ['scheduled', 'in_progress'],
    ['manual', 'in_progress'],
    ['canceling', 'in_progress'],
    ['success', 'success'],
    ['failed', 'failure'],
    ['canceled', 'cancelled'],
    ['skipped', undefined],
  ])('maps %s to %s', (status, expected) => {
    expect(pipelineStatus(status)).toBe(expected);
  });
});

const hook = (change: (h: typeof pipelineHookExample) => void = () => {}) => {
  const payload = clone(pipelineHookExample);
  change(payload);
  return pipelineHookSchema.parse(payload);
};

describe('fromPipelineHook', () => {
  it('maps GitLab’s example delivery, with its commit and committed date', () => {
    const event = fromPipelineHook(hook(), '192.168.64.1:3005', 'production');
    expect(event).toEqual({
      ...pipelineHookExampleMapped,
      commits: [
        {
          sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
          committedAt: '2016-08-12T17:23:21.000+02:00',
          author: 'User',
          message: 'test\n',
        },
      ],
    });
    // Valid as stored, once matched to a component.
    const matched = { ...event, entityRef: 'component:default/x' };
    expect(deliveryEventSchema.safeParse(matched).success).toBe(true);
  });

  it('leaves a running pipeline unfinished and names a tag by its ref', () => {
    const event = fromPipelineHook(
      hook(h => {
        h.object_attributes.status = 'running';
        h.object_attributes.finished_at = null as never;
        h.object_attributes.tag = true;
        h.object_attributes.ref = 'v2.0.0';
      }),
      'gitlab.com',
      'production',
    );
    expect(event).toMatchObject({ status: 'in_progress', version: 'v2.0.0' });
    expect(event).not.toHaveProperty('finishedAt');
  });

  it('stores nothing for a pipeline that ran nothing', () => {
    for (const status of ['created', 'skipped']) {
      expect(
        fromPipelineHook(
          hook(h => {
            h.object_attributes.status = status;
          }),
          'gitlab.com',
          'production',
        ),
      ).toBeUndefined();
    }
  });
});

describe('fromApiPipeline', () => {
  const project = {
    instance: '127.0.0.1:3000',
    id: 21,
    path: 'test-group/test-project',
    webUrl: 'http://127.0.0.1:3000/test-group/test-project',
  };
  const commits = [
    {
      sha: '50f0acb76a40e34a4ff304f7347dcc6587da8a14',
      committedAt: '2022-09-21T01:00:00.000Z',
    },
  ];

  it('maps GitLab’s example pipeline', () => {
    const pipeline = apiPipelineDetailSchema.parse(clone(pipelineExample));
    expect(fromApiPipeline(pipeline, project, 'production', commits)).toEqual({
      kind: 'deployment',
      source: 'gitlab',
      id: '127.0.0.1:3000/pipelines/287',
      environment: 'production',
      status: 'success',
      startedAt: '2022-09-21T01:05:14.197Z',
      finishedAt: '2022-09-21T01:05:50.175Z',
      version: '50f0acb7',
      url: 'http://127.0.0.1:3000/test-group/test-project/-/pipelines/287',
      // user.username and source of the example.
      triggeredBy: 'root (push)',
      commits,
    });
  });

  it('falls back to the creation when the pipeline has not started a job', () => {
    const pipeline = apiPipelineDetailSchema.parse({
      ...clone(pipelineExample),
      status: 'pending',
      started_at: null,
      finished_at: null,
    });
    const event = fromApiPipeline(pipeline, project, 'production', commits);
    expect(event).toMatchObject({
      status: 'in_progress',
      startedAt: '2022-09-21T01:05:07.200Z',
    });
    expect(event).not.toHaveProperty('finishedAt');
  });
});
