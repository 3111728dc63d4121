import type {
  LeadTimeBreakdown,
  ListedChange,
} from '@internal/backstage-plugin-delivery-common';
import {
  describeStageFigure,
  sizeCell,
  sizeDistribution,
  stageCell,
  stageSegments,
  unreviewedShare,
  weeklyStageMedians,
} from './stageFigures';

const figure = (medianHours: number | null, p90Hours = medianHours) => ({
  count: medianHours === null ? 0 : 4,
  medianHours,
  p90Hours,
});

const breakdown = (
  over: Partial<LeadTimeBreakdown> = {},
): LeadTimeBreakdown => ({
  changes: 4,
  reviewed: 3,
  unreviewed: 1,
  awaitingDeploy: 2,
  stages: {
    coding: figure(6, 20),
    pickup: figure(2, 9),
    review: figure(4, 8),
    deploy: figure(12, 30),
  },
  ...over,
});

describe('stageSegments', () => {
  it('makes each segment its median over the sum of the medians', () => {
    // 6 + 2 + 4 + 12 = 24 h: coding 6/24 = 0.25, pickup 2/24, review 4/24, deploy 0.5.
    expect(stageSegments(breakdown()).map(s => [s.stage, s.share])).toEqual([
      ['coding', 0.25],
      ['pickup', 2 / 24],
      ['review', 4 / 24],
      ['deploy', 0.5],
    ]);
  });

  it('leaves a stage without a median out of the bar, not at 0', () => {
    // No reviewed change: 6 + 12 = 18 h; coding 6/18 = 1/3, deploy 12/18 = 2/3.
    const segments = stageSegments(
      breakdown({
        stages: {
          coding: figure(6),
          pickup: figure(null),
          review: figure(null),
          deploy: figure(12),
        },
      }),
    );
    expect(segments.map(s => s.share)).toEqual([1 / 3, null, null, 2 / 3]);
  });

  it('draws no proportions when no stage has a positive median', () => {
    const none = stageSegments(
      breakdown({
        changes: 0,
        stages: {
          coding: figure(null),
          pickup: figure(null),
          review: figure(null),
          deploy: figure(null),
        },
      }),
    );
    expect(none.map(s => s.share)).toEqual([null, null, null, null]);
    // Every change merged and deployed at once: medians 0, nothing to proportion.
    const instant = stageSegments(
      breakdown({
        stages: {
          coding: figure(0),
          pickup: figure(0),
          review: figure(0),
          deploy: figure(0),
        },
      }),
    );
    expect(instant.map(s => s.share)).toEqual([null, null, null, null]);
  });
});

describe('unreviewedShare', () => {
  it('is unreviewed over counted changes, and withheld without changes', () => {
    // 1 of 4 merged without review: 25%.
    expect(unreviewedShare(breakdown())).toBe(0.25);
    // No counted change: no share (not 0%), although 2 await deploy.
    expect(
      unreviewedShare(breakdown({ changes: 0, reviewed: 0, unreviewed: 0 })),
    ).toBeNull();
  });
});

describe('sizeDistribution', () => {
  it('shares the sized changes by class and reports unknown sizes apart', () => {
    // 2 + 5 + 2 + 1 + 0 = 10 sized changes; 3 more without line counts.
    const { buckets, known, unknown } = sizeDistribution({
      XS: 2,
      S: 5,
      M: 2,
      L: 1,
      XL: 0,
      unknown: 3,
    });
    expect(known).toBe(10);
    expect(unknown).toBe(3);
    expect(buckets).toEqual([
      { size: 'XS', lines: '0–9 lines', count: 2, share: 0.2 },
      { size: 'S', lines: '10–99 lines', count: 5, share: 0.5 },
      { size: 'M', lines: '100–399 lines', count: 2, share: 0.2 },
      { size: 'L', lines: '400–999 lines', count: 1, share: 0.1 },
      { size: 'XL', lines: '1000+ lines', count: 0, share: 0 },
    ]);
  });

  it('gives no shares when no change has line counts', () => {
    const { buckets, known } = sizeDistribution({
      XS: 0,
      S: 0,
      M: 0,
      L: 0,
      XL: 0,
      unknown: 4,
    });
    expect(known).toBe(0);
    expect(buckets.every(b => b.share === null)).toBe(true);
  });
});

describe('weeklyStageMedians', () => {
  it('lists each stage by week, with gaps for weeks without it', () => {
    const weeks = [
      { from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z' },
      { from: '2026-11-09T00:00:00Z', to: '2026-11-16T00:00:00Z' },
    ].map((w, i) => ({
      ...w,
      breakdown:
        i === 0
          ? breakdown()
          : breakdown({
              stages: {
                coding: figure(3),
                pickup: figure(null),
                review: figure(null),
                deploy: figure(1),
              },
            }),
    }));
    expect(weeklyStageMedians(weeks)).toEqual({
      coding: [6, 3],
      pickup: [2, null],
      review: [4, null],
      deploy: [12, 1],
    });
  });
});

describe('cells', () => {
  const change = (over: Partial<ListedChange>): ListedChange => ({
    source: 'github',
    id: '1',
    entityRef: 'component:default/web',
    openedAt: '2026-11-02T10:00:00Z',
    state: 'deployed',
    reviewed: false,
    ...over,
  });

  it('writes a stage, or why a change has none', () => {
    const deployed = change({
      stages: { coding: 2.5, pickup: null, review: null, deploy: 0.5 },
    });
    expect(stageCell(deployed, 'coding')).toBe('2.5 h');
    expect(stageCell(deployed, 'pickup')).toBe('no review');
    expect(stageCell(deployed, 'deploy')).toBe('30 min');
    expect(
      stageCell(
        change({
          stages: { coding: null, pickup: 1, review: 2, deploy: 3 },
        }),
        'coding',
      ),
    ).toBe('no commits');
    expect(stageCell(change({ state: 'awaiting-deploy' }), 'deploy')).toBe(
      'awaiting deploy',
    );
    expect(stageCell(change({ state: 'open' }), 'coding')).toBe('–');
  });

  it('writes the size class with its lines', () => {
    // 180 + 70 = 250 lines: M (100–399).
    expect(sizeCell(change({ additions: 180, deletions: 70 }))).toBe(
      'M, 250 lines',
    );
    expect(sizeCell(change({ additions: 1 }))).toBe('XS, 1 line');
    expect(sizeCell(change({}))).toBe('–');
  });

  it('describes a stage figure in words', () => {
    // 4 changes, median 2 h, p90 9 h.
    expect(describeStageFigure(figure(2, 9))).toBe(
      'median 2 h, p90 9 h (4 changes)',
    );
    expect(describeStageFigure(figure(null))).toBe(
      'no changes with this stage',
    );
  });
});
