import { deploymentsPage, timelineBuckets } from '../testUtils/fixtures';
import { progressiveTimeline, rolloutsHealth } from '../testUtils/progressive';
import { healthByKey } from '../health/verdict';
import type { DeploymentVerdict } from '@internal/backstage-plugin-delivery-common';
import {
  buildChartModel,
  bucketsFor,
  compareEnvironments,
  filterDeployments,
  formatDuration,
  instantAt,
  latestPerEnvironment,
  missingEnvironments,
  outcomeOf,
  rolledBackKeys,
  rowLeadTime,
  triggerOf,
} from './model';

const HOUR = 3_600_000;

describe('buildChartModel', () => {
  const model = buildChartModel(timelineBuckets, { width: 240 });

  it('keeps the backend lane order, production first', () => {
    expect(model.lanes.map(l => [l.environment, l.production])).toEqual([
      ['production', true],
      ['staging', false],
    ]);
    expect(model.empty).toBe(false);
  });

  it('draws counted lanes as stacked buckets and sparse lanes as markers', () => {
    const [production, staging] = model.lanes;
    // 24 h over 240 px: 10 px per hour.
    expect(production.markers).toEqual([]);
    expect(production.buckets.map(b => [b.x, b.width, b.total])).toEqual([
      [10, 10, 2],
      [50, 10, 1],
      [70, 10, 1],
    ]);
    expect(production.buckets[0].segments).toEqual([
      { outcome: 'rollback', count: 1 },
      { outcome: 'rolled_back', count: 1 },
    ]);
    expect(model.maxBucket).toBe(2);

    expect(staging.buckets).toEqual([]);
    expect(staging.markers.map(m => [m.key, m.x, m.outcome])).toEqual([
      ['github/s1', 5, 'success'],
      ['github/s2', 100, 'in_progress'],
    ]);
  });

  it('spans incidents from opening to resolution, clipped to the window', () => {
    const withNow = buildChartModel(timelineBuckets, {
      width: 240,
      now: Date.parse('2026-01-05T12:00:00Z'),
    });
    expect(
      withNow.spans.map(s => [s.incident.id, s.x, s.width, s.open]),
    ).toEqual([
      // opened the day before, still open: from the left edge to now (12:00)
      ['i0', 0, 120, true],
      // 05:30 .. 07:45
      ['i1', 55, 22.5, false],
    ]);
  });

  it('filters lanes by environment and markers and buckets by outcome', () => {
    const staging = buildChartModel(timelineBuckets, {
      width: 240,
      filters: { environments: ['staging'] },
    });
    expect(staging.lanes.map(l => l.environment)).toEqual(['staging']);

    const failures = buildChartModel(timelineBuckets, {
      width: 240,
      filters: { outcomes: ['failure'] },
    });
    expect(failures.lanes[0].buckets.map(b => b.start)).toEqual([
      '2026-01-05T05:00:00.000Z',
    ]);
    expect(failures.lanes[1].markers).toEqual([]);
  });

  it('maps pixels back to instants for drag-to-zoom', () => {
    const chart = { fromMs: 0, toMs: 24 * HOUR, width: 240 };
    expect(instantAt(10, chart)).toBe(HOUR);
    expect(instantAt(-5, chart)).toBe(0);
    expect(instantAt(999, chart)).toBe(24 * HOUR);
  });

  it('asks for about one bucket per marker width', () => {
    expect(bucketsFor(800)).toBe(100);
    expect(bucketsFor(20)).toBe(10);
    expect(bucketsFor(100_000)).toBe(1000);
  });
});

describe('table mapping', () => {
  const items = deploymentsPage.items;
  const rolledBack = rolledBackKeys(items);

  it('derives outcomes like the backend does', () => {
    const byId = Object.fromEntries(
      items.map(d => [d.id, outcomeOf(d, rolledBack)]),
    );
    expect(byId).toEqual({
      d5: 'remediation',
      d4: 'rollback',
      d3: 'rolled_back',
      'failed-run': 'failure',
      d2: 'success',
      'staging-1': 'success',
      d1: 'success',
    });
  });

  it('filters by environment, source, outcome and version or sha', () => {
    const ids = (filters: Parameters<typeof filterDeployments>[1]) =>
      filterDeployments(items, filters).map(d => d.id);
    expect(ids({ environment: 'staging' })).toEqual(['staging-1']);
    expect(ids({ source: 'argocd' })).toEqual(['staging-1']);
    expect(ids({ outcome: 'rolled_back' })).toEqual(['d3']);
    expect(ids({ search: 'V1.1' })).toEqual(['d1']);
    expect(ids({ search: 'c1' })).toEqual(['d2', 'd1']);
    expect(ids({ search: ' ' })).toHaveLength(items.length);
  });

  it('shows the backend’s DORA lead time per row, and why a row has none', () => {
    const byId = new Map(items.map(d => [d.id, d]));
    // d1: median of c1 (2 h) and c2 (24 h) = 13 h, not the oldest commit's 24 h.
    expect(rowLeadTime(byId.get('d1')!)).toEqual({
      text: '13 h',
      title:
        'Median from commit to this deployment over the 2 commits it first brought to production',
    });
    // d2 re-ships c1: only c3 counts, 6 h.
    expect(rowLeadTime(byId.get('d2')!).text).toBe('6 h');
    expect(rowLeadTime(byId.get('failed-run')!)).toEqual({
      text: '–',
      title: 'Only successful production deployments have a lead time',
    });
    expect(rowLeadTime(byId.get('d5')!).title).toBe(
      'The source reported no commits',
    );
    expect(
      rowLeadTime({ ...byId.get('d2')!, leadTimeHours: undefined }).title,
    ).toMatch(/deployed to production before/);
  });

  it('names the trigger, else the first commit author as such', () => {
    const byId = new Map(items.map(d => [d.id, d]));
    expect(triggerOf(byId.get('d1')!)).toEqual({
      text: 'alice (push)',
      fallback: false,
    });
    expect(triggerOf({ ...byId.get('d1')!, triggeredBy: undefined })).toEqual({
      text: 'alice',
      fallback: true,
    });
    expect(triggerOf(byId.get('d5')!)).toBeUndefined();
  });

  it('formats durations', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(10 * 60_000)).toBe('10 min');
    expect(formatDuration(3 * HOUR + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(50 * HOUR)).toBe('2 d 2 h');
    expect(formatDuration(undefined)).toBe('–');
  });

  it('names the known environments a page of deployments does not reach', () => {
    expect(
      missingEnvironments(
        [{ environment: 'staging' }, { environment: 'staging' }],
        ['production', 'staging', 'production'],
      ),
    ).toEqual(['production']);
    expect(missingEnvironments(items, ['production', 'staging'])).toEqual([]);
  });

  it('picks the latest deployment per environment, production first', () => {
    expect(latestPerEnvironment(items).map(d => [d.environment, d.id])).toEqual(
      [
        ['production', 'd5'],
        ['staging', 'staging-1'],
      ],
    );
    expect(compareEnvironments('dev', 'prod')).toBeGreaterThan(0);
    expect(compareEnvironments('dev', 'staging')).toBeLessThan(0);
  });
});

describe('buildChartModel with flags, rollouts and verdicts', () => {
  // progressiveTimeline: Jan 6 over 240 px, 10 px an hour.
  const verdicts = healthByKey(rolloutsHealth);

  it('puts flag changes in their environment’s lane', () => {
    const model = buildChartModel(progressiveTimeline, { width: 240 });
    const [production, staging] = model.lanes;
    // 15:00 → 150 px, 15:30 → 155 px: apart in 8 px cells (150 / 8 = 18.75 in cell
    // 18, 155 / 8 = 19.4 in cell 19); 16:20 → 163.3 px.
    expect(production.flags.map(m => [m.x, m.flags.map(f => f.id)])).toEqual([
      [150, ['f1']],
      [155, ['f2']],
      [163.33333333333334, ['f4']],
    ]);
    expect(staging.flags.map(m => m.flags.map(f => f.id))).toEqual([['f3']]);
    expect(model.flagsTruncated).toBe(false);
  });

  it('gives an environment with flag changes and no deployments a lane of its own', () => {
    const model = buildChartModel(
      {
        ...progressiveTimeline,
        flags: [
          ...progressiveTimeline.flags,
          { ...progressiveTimeline.flags[0], id: 'f5', environment: 'qa' },
          { ...progressiveTimeline.flags[0], id: 'f6', environment: 'prod' },
        ],
        flagsTruncated: true,
      },
      { width: 240 },
    );
    // "prod" is production (default list): after the backend's production lane, before
    // staging; qa after staging.
    expect(
      model.lanes.map(l => [l.environment, l.production, l.total]),
    ).toEqual([
      ['production', true, 3],
      ['prod', true, 0],
      ['staging', false, 1],
      ['qa', false, 0],
    ]);
    expect(model.lanes[1].flags[0].flags[0].id).toBe('f6');
    expect(model.flagsTruncated).toBe(true);
  });

  it('marks production deployments with their verdict and rollouts with their outcome', () => {
    const model = buildChartModel(progressiveTimeline, {
      width: 240,
      verdicts: new Map<string, { verdict: DeploymentVerdict }>([
        ...verdicts,
        // A verdict for a staging run is never drawn (production only).
        ['argocd/stg-1', { verdict: 'unhealthy' as const }],
      ]),
    });
    const [production, staging] = model.lanes;
    expect(
      production.markers.map(m => [m.key, m.verdict, m.rollout?.outcome]),
    ).toEqual([
      ['argocd/r3', 'ailing', 'promoted'],
      ['argocd/r2', 'unhealthy', 'aborted'],
      ['argocd/r1', 'healthy', 'promoted'],
    ]);
    expect(production.markers[0].rollout?.strategy).toBe('blue-green');
    expect(staging.markers.map(m => [m.verdict, m.rollout])).toEqual([
      [undefined, undefined],
    ]);
  });

  it('draws no flag marks for a timeline without flags (an older backend)', () => {
    const { flags: _flags, ...older } = timelineBuckets;
    const model = buildChartModel(older as typeof timelineBuckets, {
      width: 240,
    });
    expect(model.lanes.flatMap(l => l.flags)).toEqual([]);
    expect(model.flagsTruncated).toBe(false);
  });
});
