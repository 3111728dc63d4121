import type {
  ListedDeployment,
  SourceStatus,
  Timeline,
} from '@internal/backstage-plugin-delivery-common';
import {
  failuresFirst,
  pooledHealth,
  productionEnvironments,
  staleFeedingSources,
} from './latestDeployments';

const cartInProduction: Pick<
  ListedDeployment,
  'kind' | 'source' | 'entityRef' | 'environment' | 'status' | 'commits'
> = {
  kind: 'deployment',
  source: 'github',
  entityRef: 'component:default/cart',
  environment: 'production',
  status: 'success',
  commits: [],
};

/** A successful production deployment of cart, started when it finished. */
const deployment = (
  id: string,
  finishedAt: string,
  extra: Partial<ListedDeployment> = {},
): ListedDeployment => ({
  ...cartInProduction,
  id,
  startedAt: finishedAt,
  finishedAt,
  ...extra,
});

describe('productionEnvironments', () => {
  it('keeps the lanes the backend marks production', () => {
    const timeline = {
      environments: [
        { environment: 'staging', production: false },
        { environment: 'prod-eu', production: true },
        { environment: 'production', production: true },
      ],
    } as unknown as Timeline;
    expect(productionEnvironments(timeline)).toEqual(['prod-eu', 'production']);
  });
});

describe('failuresFirst', () => {
  const rows = [
    deployment('ok-new', '2026-12-05T10:00:00Z'),
    deployment('failed-old', '2026-12-01T10:00:00Z', { status: 'failure' }),
    deployment('bad', '2026-12-03T10:00:00Z'),
    // Rolls back "bad": "bad" is rolled_back, this one a rollback.
    deployment('rollback', '2026-12-03T11:00:00Z', { rollbackOf: 'bad' }),
    deployment('ok-old', '2026-12-02T10:00:00Z'),
  ];

  it('puts failures and rollbacks first, newest first within each part', () => {
    const result = failuresFirst(rows, 10);
    expect(result.rows.map(d => d.id)).toEqual([
      'rollback', // 12-03 11:00, rollback
      'bad', // 12-03 10:00, rolled back
      'failed-old', // 12-01, failure
      'ok-new', // 12-05
      'ok-old', // 12-02
    ]);
    expect([...result.rolledBack]).toEqual(['github/bad']);
  });

  it('lists a rollout once and stops at the limit', () => {
    const result = failuresFirst([...rows, rows[0]], 2);
    expect(result.rows.map(d => d.id)).toEqual(['rollback', 'bad']);
  });
});

describe('staleFeedingSources', () => {
  const statuses: SourceStatus[] = [
    { id: 'github', source: 'github', stale: true, failing: ['pull'] },
    {
      id: 'gitlab/gitlab.com',
      source: 'gitlab',
      instance: 'gitlab.com',
      stale: true,
      failing: ['webhook'],
    },
    { id: 'argocd/prod', source: 'argocd', stale: false, failing: [] },
  ];

  it('keeps only stale sources that fed the rows', () => {
    expect(
      staleFeedingSources(statuses, [
        { source: 'github' },
        { source: 'argocd' },
      ]).map(s => s.id),
    ).toEqual(['github']);
    expect(
      staleFeedingSources(statuses, [{ source: 'gitlab' }]).map(s => s.id),
    ).toEqual(['gitlab/gitlab.com']);
  });

  it('says nothing without statuses or rows', () => {
    expect(staleFeedingSources(undefined, [{ source: 'github' }])).toEqual([]);
    expect(staleFeedingSources(statuses, [])).toEqual([]);
  });
});

describe('pooledHealth', () => {
  const answer = (id: string, verdict: 'healthy' | 'unhealthy') => ({
    entityRef: 'group:default/team-a',
    from: '2026-01-01T00:00:00Z',
    to: '2026-01-08T00:00:00Z',
    hours: 24,
    sloAvailable: true,
    items: [
      {
        source: 'github',
        id,
        entityRef: 'component:default/cart',
        environment: 'production',
        finishedAt: '2026-01-05T00:00:00Z',
        verdict,
        reasons: [],
        consumedAfter: null,
        consumedBefore: null,
        incidentIds: [],
      },
    ],
  });

  it('looks up the verdicts of every group, and keeps the first failure to say why', () => {
    const failure = new Error('503');
    const pooled = pooledHealth([
      answer('a', 'healthy'),
      failure,
      answer('b', 'unhealthy'),
    ]);
    expect([...pooled.byKey.keys()]).toEqual(['github/a', 'github/b']);
    expect(pooled.error).toBe(failure);
    expect(pooled.response?.hours).toBe(24);
    // Every row of the widget is production.
    expect(pooled.isProduction('anything')).toBe(true);
    expect(pooledHealth([]).byKey.size).toBe(0);
  });
});
