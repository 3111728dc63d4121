import {
  bucketGrid,
  bucketIndex,
  DeploymentCount,
  deploymentOutcome,
  planLanes,
} from './timelineBuckets';

const HOUR = 3_600_000;
const from = Date.UTC(2026, 0, 5);

const count = (overrides: Partial<DeploymentCount>): DeploymentCount => ({
  environment: 'production',
  bucket: 0,
  status: 'success',
  isRollback: false,
  isRemediation: false,
  rolledBack: false,
  count: 1,
  ...overrides,
});

describe('deploymentOutcome', () => {
  it('keeps the status of runs that did not succeed', () => {
    for (const status of ['failure', 'cancelled', 'in_progress'] as const) {
      expect(
        deploymentOutcome({
          status,
          isRollback: true,
          isRemediation: true,
          rolledBack: true,
        }),
      ).toBe(status);
    }
  });

  it('ranks rolled back, rollback, remediation over plain success', () => {
    const base = {
      status: 'success' as const,
      isRollback: false,
      isRemediation: false,
      rolledBack: false,
    };
    expect(deploymentOutcome(base)).toBe('success');
    expect(deploymentOutcome({ ...base, isRemediation: true })).toBe(
      'remediation',
    );
    expect(
      deploymentOutcome({ ...base, isRemediation: true, isRollback: true }),
    ).toBe('rollback');
    expect(
      deploymentOutcome({ ...base, isRollback: true, rolledBack: true }),
    ).toBe('rolled_back');
  });
});

describe('bucketGrid', () => {
  it('cuts a window into whole-millisecond buckets covering it', () => {
    const grid = bucketGrid(from, from + 24 * HOUR, 24);
    expect(grid).toEqual({
      fromMs: from,
      toMs: from + 24 * HOUR,
      bucketMs: HOUR,
      count: 24,
    });
    expect(bucketIndex(grid, from)).toBe(0);
    expect(bucketIndex(grid, from + HOUR - 1)).toBe(0);
    expect(bucketIndex(grid, from + HOUR)).toBe(1);
    expect(bucketIndex(grid, from + 24 * HOUR - 1)).toBe(23);
  });

  it('rounds the bucket width up, so fewer buckets may be needed', () => {
    const grid = bucketGrid(from, from + 10, 3);
    expect(grid.bucketMs).toBe(4);
    expect(grid.count).toBe(3);
    expect(bucketGrid(from, from + 2, 5)).toMatchObject({
      bucketMs: 1,
      count: 2,
    });
  });

  it('refuses empty windows and bad bucket counts', () => {
    expect(() => bucketGrid(from, from, 10)).toThrow(RangeError);
    expect(() => bucketGrid(from, from + HOUR, 0)).toThrow(RangeError);
    expect(() => bucketGrid(from, from + HOUR, 1.5)).toThrow(RangeError);
  });
});

describe('planLanes', () => {
  const grid = bucketGrid(from, from + 10 * HOUR, 10);
  const production = ['production', 'prod', 'prd', 'live'];

  it('puts production environments first, the others by name', () => {
    const lanes = planLanes(
      [
        count({ environment: 'staging' }),
        count({ environment: 'dev' }),
        count({ environment: 'live' }),
        count({ environment: 'production', bucket: 3 }),
      ],
      grid,
      production,
    );
    expect(lanes.map(l => [l.environment, l.production])).toEqual([
      ['production', true],
      ['live', true],
      ['dev', false],
      ['staging', false],
    ]);
  });

  it('draws each deployment when no bucket holds two', () => {
    const [lane] = planLanes(
      [
        count({ bucket: 1 }),
        count({ bucket: 4, status: 'failure' }),
        count({ bucket: 7, isRollback: true }),
      ],
      grid,
      production,
    );
    expect(lane.mode).toBe('deployments');
    expect(lane.total).toBe(3);
    expect(lane.outcomes).toEqual({ success: 1, failure: 1, rollback: 1 });
    expect(lane.buckets.map(b => b.startMs)).toEqual([
      from + HOUR,
      from + 4 * HOUR,
      from + 7 * HOUR,
    ]);
  });

  it('counts per bucket and outcome when markers would overlap', () => {
    const lanes = planLanes(
      [
        count({ bucket: 2, count: 3 }),
        count({ bucket: 2, rolledBack: true }),
        count({ bucket: 2, isRemediation: true, count: 2 }),
        count({ bucket: 0, status: 'cancelled' }),
        count({ environment: 'staging', bucket: 2 }),
      ],
      grid,
      production,
    );
    expect(lanes[0]).toEqual({
      environment: 'production',
      production: true,
      total: 7,
      outcomes: { success: 3, rolled_back: 1, remediation: 2, cancelled: 1 },
      mode: 'buckets',
      buckets: [
        {
          startMs: from,
          endMs: from + HOUR,
          total: 1,
          outcomes: { cancelled: 1 },
        },
        {
          startMs: from + 2 * HOUR,
          endMs: from + 3 * HOUR,
          total: 6,
          outcomes: { success: 3, rolled_back: 1, remediation: 2 },
        },
      ],
    });
    // Each lane decides on its own.
    expect(lanes[1].mode).toBe('deployments');
  });

  it('clips the last bucket to the window and clamps stray indexes', () => {
    const odd = bucketGrid(from, from + 10, 3); // buckets of 4 ms: [0,4) [4,8) [8,10)
    const [lane] = planLanes(
      [
        count({ bucket: 2 }),
        count({ bucket: 5 }),
        count({ bucket: '1' as any, count: '2' as any }),
      ],
      odd,
      production,
    );
    expect(lane.buckets).toEqual([
      {
        startMs: from + 4,
        endMs: from + 8,
        total: 2,
        outcomes: { success: 2 },
      },
      {
        startMs: from + 8,
        endMs: from + 10,
        total: 2,
        outcomes: { success: 2 },
      },
    ]);
  });

  it('answers no lanes for no deployments', () => {
    expect(planLanes([], grid, production)).toEqual([]);
    expect(planLanes([count({ count: 0 })], grid, production)).toEqual([]);
  });
});
