import { deployment, incident } from '../dora/testFixtures';
import type { FlagEvent } from '../events';
import { computeDora, computeDoraSeries } from './referenceEngine';

// Monday 2026-01-05 00:00Z to Monday 2026-01-12 00:00Z: exactly 7 days.
const FROM = '2026-01-05T00:00:00Z';
const TO = '2026-01-12T00:00:00Z';

const flag = (
  id: string,
  at: string,
  flagKey: string,
  action: FlagEvent['action'],
  extra: Partial<FlagEvent> = {},
): FlagEvent => ({
  kind: 'flag',
  source: 'launchdarkly',
  id,
  entityRef: 'component:default/shop',
  flagKey,
  environment: 'production',
  action,
  at,
  ...extra,
});

/*
 * shop, 2026-01-05 .. 2026-01-12:
 *   d1 finished 01-05 10:00, commit 2 h before; d2 finished 01-07 10:00, commit 6 h
 *   before; incident i1 names d2, opened 01-07 11:00, resolved 13:00: d2 failed,
 *   recovered in 3 h.
 *   i2 names nothing, opened 01-06 10:00, resolved 12:00.
 * Flags (production unless said):
 *   new-cart  on 01-06 09:00 (release R1), targeting 10:30 (a step), off 11:00: ended
 *             while i2 (opened 10:00, after R1) was open: R1 failed, 11:00 - 09:00 = 2 h.
 *   search    rollout 10 on 01-08 (release R2), 50 at 06:00 and on 01-09 (steps).
 *   promo     on 01-04 (release R0, before the window), off 01-07 12:00 while i1 was
 *             open: R0 failed, but it is not in the window; on again 01-10 (R3).
 *   late      on 01-11 00:00 (R4), off 05:00 with no incident open: not failed.
 *   beta      targeting 01-09 with nothing before: serves 0, not a release.
 *   dark-mode on 01-06 in staging: not production.
 * Off: deployments 2, perDay 2/7 (high); failed d2: 1/2 = 0.5 (low); recovery 3 h
 *   (high); rework 0/2; lead times 2, 6 h: median 4, p90 2 + 0.9 * 4 = 5.6.
 * On: R1, R2, R3, R4 join: 6 deployments, perDay 6/7 (high); failed d2 and R1: 2/6
 *   (low); recovery [3, 2]: median 2.5 h (high); rework 0/6; lead time unchanged;
 *   time to restore unchanged (i1 2 h, i2 2 h: median 2).
 */
const deployments = [
  deployment('d1', '2026-01-05T10:00:00Z', {
    commits: [{ sha: 'a', committedAt: '2026-01-05T08:00:00Z' }],
  }),
  deployment('d2', '2026-01-07T10:00:00Z', {
    commits: [{ sha: 'b', committedAt: '2026-01-07T04:00:00Z' }],
  }),
];
const incidents = [
  incident('i1', '2026-01-07T11:00:00Z', {
    resolvedAt: '2026-01-07T13:00:00Z',
    deploymentId: 'd2',
  }),
  incident('i2', '2026-01-06T10:00:00Z', {
    resolvedAt: '2026-01-06T12:00:00Z',
  }),
];
const flags = [
  flag('R1', '2026-01-06T09:00:00Z', 'new-cart', 'on'),
  flag('R1t', '2026-01-06T10:30:00Z', 'new-cart', 'targeting'),
  flag('R1off', '2026-01-06T11:00:00Z', 'new-cart', 'off'),
  flag('R2', '2026-01-08T00:00:00Z', 'search', 'rollout', { percentage: 10 }),
  flag('R2b', '2026-01-08T06:00:00Z', 'search', 'rollout', { percentage: 50 }),
  flag('R2c', '2026-01-09T00:00:00Z', 'search', 'on'),
  flag('R0', '2026-01-04T00:00:00Z', 'promo', 'on'),
  flag('R0off', '2026-01-07T12:00:00Z', 'promo', 'off'),
  flag('R3', '2026-01-10T00:00:00Z', 'promo', 'on'),
  flag('R4', '2026-01-11T00:00:00Z', 'late', 'on'),
  flag('R4off', '2026-01-11T05:00:00Z', 'late', 'off'),
  flag('beta', '2026-01-09T00:00:00Z', 'beta', 'targeting'),
  flag('dark', '2026-01-06T00:00:00Z', 'dark-mode', 'on', {
    environment: 'staging',
  }),
];

const input = { deployments, incidents, flags, from: FROM, to: TO };

describe('computeDora with flag releases', () => {
  it('leaves every figure as it was when the option is off, flags given or not', () => {
    const off = computeDora(input);
    expect(off).toEqual(computeDora({ ...input, flags: undefined }));
    expect(
      computeDora({
        ...input,
        options: { countFlagReleasesAsDeployments: false },
      }),
    ).toEqual(off);
    expect(off.deploymentFrequency).toEqual({
      deployments: 2,
      perDay: 2 / 7,
      band: 'high',
    });
    expect(off.changeFailureRate).toEqual({
      deployments: 2,
      failed: 1,
      ratio: 0.5,
      band: 'low',
    });
    expect(off.failedDeploymentRecoveryTime).toEqual({
      failures: 1,
      unrecovered: 0,
      medianHours: 3,
      band: 'high',
    });
  });

  it('counts releases as deployments, failed ones as failures recovered at the off', () => {
    const on = computeDora({
      ...input,
      options: { countFlagReleasesAsDeployments: true },
    });
    const off = computeDora(input);
    expect(on.deploymentFrequency).toEqual({
      deployments: 6,
      perDay: 6 / 7,
      band: 'high',
      flagReleases: 4,
    });
    expect(on.changeFailureRate).toEqual({
      deployments: 6,
      failed: 2,
      ratio: 2 / 6,
      band: 'low',
      failedFlagReleases: 1,
    });
    expect(on.failedDeploymentRecoveryTime).toEqual({
      failures: 2,
      unrecovered: 0,
      medianHours: 2.5,
      band: 'high',
    });
    expect(on.deploymentReworkRate).toEqual({
      deployments: 6,
      rework: 0,
      ratio: 0,
    });
    expect(on.leadTimeForChanges).toEqual(off.leadTimeForChanges);
    expect(on.leadTimeForChanges.medianHours).toBe(4);
    expect(on.leadTimeForChanges.p90Hours).toBeCloseTo(5.6, 12);
    expect(on.timeToRestoreService).toEqual({ incidents: 2, medianHours: 2 });
  });

  it('splits releases by week in a series', () => {
    // Week of 01-05: d1, d2, R1, R2, R3, R4 all fall in it (the window is one ISO
    // week), so one point equal to the window's figures.
    const options = { countFlagReleasesAsDeployments: true };
    const series = computeDoraSeries({ ...input, options });
    expect(series).toHaveLength(1);
    const { from, to, ...figures } = series[0];
    expect(figures).toEqual(computeDora({ ...input, options }));
    // Over two weeks (01-05 .. 01-19), the releases stay in the first.
    const twoWeeks = computeDoraSeries({
      ...input,
      to: '2026-01-19T00:00:00Z',
      options,
    });
    expect(twoWeeks.map(p => p.deploymentFrequency.flagReleases)).toEqual([
      4, 0,
    ]);
  });
});
