import { defaultBandPreset } from '../bands';
import { weekStartOf, weekWindows } from './series';
import {
  combineWindowSummary,
  figuresFromSummary,
  leadTimeSummary,
} from './summary';

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);

describe('leadTimeSummary', () => {
  it('gives median and p90 in hours of millisecond lead times', () => {
    // 1, 2, 4, 10 h: median between 2 and 4 = 3 h; p90 at position 2.7 =
    // 4 + 0.7 * (10 - 4) = 8.2 h.
    const summary = leadTimeSummary([10 * HOUR, HOUR, 4 * HOUR, 2 * HOUR]);
    expect(summary.changes).toBe(4);
    expect(summary.medianHours).toBe(3);
    expect(summary.p90Hours).toBeCloseTo(8.2, 12);
  });

  it('has no figures without changes', () => {
    expect(leadTimeSummary([])).toEqual({
      changes: 0,
      medianHours: null,
      p90Hours: null,
    });
  });
});

describe('weekWindows', () => {
  it('clips ISO weeks (Monday 00:00 UTC) to the window', () => {
    // Wed 2026-01-07 12:00 to Tue 2026-01-20: weeks of Jan 5, Jan 12, Jan 19.
    const from = ms('2026-01-07T12:00:00Z');
    const to = ms('2026-01-20T00:00:00Z');
    expect(weekStartOf(from)).toBe(ms('2026-01-05T00:00:00Z'));
    expect(weekWindows(from, to)).toEqual([
      { from, to: ms('2026-01-12T00:00:00Z') },
      { from: ms('2026-01-12T00:00:00Z'), to: ms('2026-01-19T00:00:00Z') },
      { from: ms('2026-01-19T00:00:00Z'), to },
    ]);
  });
});

describe('combineWindowSummary and figuresFromSummary', () => {
  it('joins store aggregates with failure and incident facts', () => {
    // 14 deployments in 7 days = 2 a day (elite). Failures: f1 in the window
    // recovered after 3 h, f2 in the window unrecovered, f3 outside it.
    // Incidents: one opened in the window restored after 5 h.
    const window = {
      from: ms('2026-02-02T00:00:00Z'),
      to: ms('2026-02-09T00:00:00Z'),
    };
    const deployment = (key: string, finishedAt: string) => ({
      key,
      source: 'github',
      entityRef: 'component:default/a',
      finishedAt: ms(finishedAt),
      rollbackOf: [],
      remediates: [],
      commits: [],
    });
    const summary = combineWindowSummary(
      window,
      {
        deployments: 14,
        rework: 7,
        leadTime: leadTimeSummary([HOUR, 3 * HOUR]),
      },
      {
        deployments: [
          deployment('f1', '2026-02-03T10:00:00Z'),
          deployment('f2', '2026-02-04T10:00:00Z'),
          deployment('f3', '2026-02-10T10:00:00Z'),
          deployment('ok', '2026-02-05T10:00:00Z'),
        ],
        failures: new Map([
          ['f1', 3],
          ['f2', null],
          ['f3', 1],
        ]),
      },
      {
        incidents: [
          { openedAt: ms('2026-02-03T11:00:00Z'), restoreHours: 5 },
          { openedAt: ms('2026-02-10T11:00:00Z'), restoreHours: 1 },
        ],
      },
    );
    const figures = figuresFromSummary(summary, defaultBandPreset);
    expect(figures).toEqual({
      deploymentFrequency: { deployments: 14, perDay: 2, band: 'elite' },
      leadTimeForChanges: {
        changes: 2,
        medianHours: 2,
        p90Hours: 2.8,
        band: 'elite',
      },
      // 2 of 14 failed = 14.3 %: medium (<= 15 %).
      changeFailureRate: {
        deployments: 14,
        failed: 2,
        ratio: 2 / 14,
        band: 'medium',
      },
      // Recovered: 3 h only; 3 h < 24 h is high.
      failedDeploymentRecoveryTime: {
        failures: 2,
        unrecovered: 1,
        medianHours: 3,
        band: 'high',
      },
      timeToRestoreService: { incidents: 1, medianHours: 5 },
      deploymentReworkRate: { deployments: 14, rework: 7, ratio: 0.5 },
    });
  });

  it('says "unknown" rather than 0 for a window without aggregates', () => {
    const figures = figuresFromSummary(
      combineWindowSummary(
        { from: 0, to: 86_400_000 },
        undefined,
        { deployments: [], failures: new Map() },
        { incidents: [] },
      ),
      defaultBandPreset,
    );
    expect(figures.deploymentFrequency).toEqual({
      deployments: 0,
      perDay: 0,
      band: 'unknown',
    });
    expect(figures.changeFailureRate.ratio).toBeNull();
    expect(figures.leadTimeForChanges.band).toBe('unknown');
  });
});
