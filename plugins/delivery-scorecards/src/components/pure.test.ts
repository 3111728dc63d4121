import {
  cartFigures,
  emptyFigures,
  orgScorecards,
  teamAFigures,
} from '../testUtils/fixtures';
import { teamsToCsv } from './csv';
import { metricByKey, thresholdLines } from './metrics';
import {
  bandPresets,
  defaultBandPreset,
} from '@internal/backstage-plugin-delivery-common';
import { sortRows } from './sorting';
import { lastDays } from './window';

describe('formatting', () => {
  it('spells out the thresholds of the active preset', () => {
    expect(
      thresholdLines(metricByKey('leadTimeMedian'), defaultBandPreset),
    ).toEqual([
      'elite: < 24 h',
      'high: < 7 d',
      'medium: < 30 d',
      'low: otherwise',
    ]);
    expect(
      thresholdLines(metricByKey('changeFailureRate'), defaultBandPreset),
    ).toEqual([
      'elite: ≤ 5%',
      'high: ≤ 10%',
      'medium: ≤ 15%',
      'low: otherwise',
    ]);
    // DORA 2022 had no elite cluster; 2021 put elite lead time under an hour.
    expect(
      thresholdLines(
        metricByKey('deploymentFrequency'),
        bandPresets['dora-2022'],
      ),
    ).toEqual([
      'elite: none in this preset',
      'high: ≥ 1/day',
      'medium: ≥ 1/month',
      'low: otherwise',
    ]);
    expect(
      thresholdLines(metricByKey('leadTimeMedian'), bandPresets['dora-2021']),
    ).toEqual([
      'elite: < 1 h',
      'high: < 7 d',
      // six months of 730 h: 4,380 h = 182.5 days
      'medium: < 182.5 d',
      'low: otherwise',
    ]);
    // DORA 2024's change failure clusters are not ordered: the nearest one wins.
    expect(
      thresholdLines(
        metricByKey('changeFailureRate'),
        bandPresets['dora-2024'],
      ),
    ).toEqual([
      'elite: nearest to 5%',
      'high: nearest to 20%',
      'medium: nearest to 10%',
      'low: nearest to 40%',
      'a tie goes to the lower band',
    ]);
    // p90 and rework are not banded; rework says why.
    expect(
      thresholdLines(metricByKey('leadTimeP90'), defaultBandPreset),
    ).toEqual([]);
    expect(metricByKey('deploymentReworkRate').band).toBeUndefined();
    expect(metricByKey('deploymentReworkRate').unbanded).toMatch(
      /no published DORA report gives clusters/,
    );
  });
});

describe('sortRows', () => {
  const rows = [
    { title: 'TEAM-C', figures: emptyFigures },
    { title: 'TEAM-A', figures: teamAFigures },
    { title: 'TEAM-B', figures: cartFigures },
  ];
  const titles = (sorted: typeof rows) => sorted.map(r => r.title);

  it('sorts by a figure with "not enough data" last in both directions', () => {
    expect(
      titles(sortRows(rows, { key: 'deploymentFrequency', direction: 'desc' })),
    ).toEqual(['TEAM-A', 'TEAM-B', 'TEAM-C']);
    expect(
      titles(sortRows(rows, { key: 'deploymentFrequency', direction: 'asc' })),
    ).toEqual(['TEAM-B', 'TEAM-A', 'TEAM-C']);
    // Lead time: team-a 5 h, team-b 24 h.
    expect(
      titles(sortRows(rows, { key: 'leadTimeMedian', direction: 'desc' })),
    ).toEqual(['TEAM-B', 'TEAM-A', 'TEAM-C']);
  });

  it('sorts by title', () => {
    expect(titles(sortRows(rows, { key: 'title', direction: 'asc' }))).toEqual([
      'TEAM-A',
      'TEAM-B',
      'TEAM-C',
    ]);
  });
});

describe('teamsToCsv', () => {
  it("writes the backend's numbers unrounded and leaves missing figures empty", () => {
    const lines = teamsToCsv(orgScorecards.teams).split('\r\n');
    expect(lines[0]).toBe(
      'team,entityRef,parent,services,deployments,deploymentsPerDay,deploymentFrequencyBand,leadTimeChanges,leadTimeMedianHours,leadTimeP90Hours,leadTimeBand,changeFailureRate,failedDeployments,changeFailureRateBand,recoveryMedianHours,unrecoveredFailures,recoveryBand,reworkRate,timeToRestoreMedianHours,incidents',
    );
    expect(lines[1]).toBe(
      `TEAM-A,group:default/team-a,group:default/eng,2,5,${
        5 / 7
      },high,4,5,18.6,elite,0.2,1,low,2,0,high,0,3,2`,
    );
    // team-c: 0 deployments, and empty cells (not 0) for everything measured.
    expect(lines[3]).toBe(
      'TEAM-C,group:default/team-c,group:default/eng,2,0,,unknown,0,,,unknown,,0,unknown,,0,unknown,,,0',
    );
    expect(lines[4]).toBe('');
  });

  it('quotes cells holding commas or quotes', () => {
    const csv = teamsToCsv([
      { ...orgScorecards.teams[0], title: 'Payments, "core"' },
    ]);
    expect(csv.split('\r\n')[1]).toMatch(/^"Payments, ""core""",/);
  });
});

describe('lastDays', () => {
  it('ends at the next full hour and covers the days asked for', () => {
    expect(lastDays(30, Date.parse('2026-01-12T10:20:00Z'))).toEqual({
      from: '2025-12-13T11:00:00.000Z',
      to: '2026-01-12T11:00:00.000Z',
    });
  });
});
