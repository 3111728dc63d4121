import { computeDora } from './referenceEngine';
import { emptyFigures } from './scorecardScenario';
import { deployment, incident } from '../dora/testFixtures';
import type { DoraDeployment, DoraIncident, DoraOptions } from '../dora/types';

// Monday 2026-01-05 00:00Z to Monday 2026-01-12 00:00Z: exactly 7 days.
const FROM = '2026-01-05T00:00:00Z';
const TO = '2026-01-12T00:00:00Z';

function compute(
  deployments: DoraDeployment[],
  incidents: DoraIncident[] = [],
  options?: DoraOptions,
) {
  return computeDora({ deployments, incidents, from: FROM, to: TO, options });
}

const commit = (sha: string, committedAt: string) => ({ sha, committedAt });

describe('computeDora', () => {
  describe('empty window', () => {
    const nothing = emptyFigures;

    it('gives nulls and unknown bands without events', () => {
      expect(compute([])).toEqual(nothing);
    });

    it('gives the same when every event is outside the window', () => {
      const before = deployment('d1', '2026-01-04T23:59:59Z', {
        commits: [commit('a', '2026-01-04T20:00:00Z')],
      });
      const after = deployment('d2', '2026-01-12T00:00:00Z');
      const late = incident('i1', '2026-01-12T01:00:00Z', {
        deploymentId: 'd1',
      });
      expect(compute([before, after], [late])).toEqual(nothing);
    });
  });

  describe('deployment frequency', () => {
    it('divides by the window length in days', () => {
      // 3 deployments / 7 days = 0.428571...: >= 1/7 and < 1, so high.
      const result = compute([
        deployment('d1', '2026-01-05T10:00:00Z'),
        deployment('d2', '2026-01-07T10:00:00Z'),
        deployment('d3', '2026-01-11T23:59:59Z'),
      ]);
      expect(result.deploymentFrequency).toEqual({
        deployments: 3,
        perDay: 3 / 7,
        band: 'high',
      });
      expect(result.deploymentFrequency.perDay).toBeCloseTo(0.428571, 6);
    });

    it('uses fractional days', () => {
      // 1 deployment over 2.5 days = 0.4 per day.
      const result = computeDora({
        deployments: [deployment('d1', '2026-01-06T00:00:00Z')],
        incidents: [],
        from: FROM,
        to: '2026-01-07T12:00:00Z',
      });
      expect(result.deploymentFrequency.perDay).toBeCloseTo(0.4, 10);
    });

    it('is elite at exactly one deployment per day', () => {
      const daily = [5, 6, 7, 8, 9, 10, 11].map(day =>
        deployment(`d${day}`, `2026-01-${String(day).padStart(2, '0')}T12:00Z`),
      );
      expect(compute(daily).deploymentFrequency).toEqual({
        deployments: 7,
        perDay: 1,
        band: 'elite',
      });
    });
  });

  describe('lead time for changes', () => {
    it('gives the median and interpolated p90 in hours', () => {
      // Lead times 2, 4, 6, 10 h: median (4 + 6) / 2 = 5;
      // p90 at position 0.9 * 3 = 2.7 -> 6 + 0.7 * (10 - 6) = 8.8.
      const result = compute([
        deployment('d1', '2026-01-06T12:00:00Z', {
          commits: [commit('c1', '2026-01-06T10:00:00Z')],
        }),
        deployment('d2', '2026-01-07T12:00:00Z', {
          commits: [commit('c2', '2026-01-07T08:00:00Z')],
        }),
        deployment('d3', '2026-01-08T12:00:00Z', {
          commits: [commit('c3', '2026-01-08T06:00:00Z')],
        }),
        deployment('d4', '2026-01-09T12:00:00Z', {
          commits: [commit('c4', '2026-01-09T02:00:00Z')],
        }),
      ]);
      expect(result.leadTimeForChanges.changes).toBe(4);
      expect(result.leadTimeForChanges.medianHours).toBe(5);
      expect(result.leadTimeForChanges.p90Hours).toBeCloseTo(8.8, 10);
      expect(result.leadTimeForChanges.band).toBe('elite');
    });

    it('is high at exactly 24 hours', () => {
      const result = compute([
        deployment('d1', '2026-01-06T10:00:00Z', {
          commits: [commit('c1', '2026-01-05T10:00:00Z')],
        }),
      ]);
      expect(result.leadTimeForChanges).toEqual({
        changes: 1,
        medianHours: 24,
        p90Hours: 24,
        band: 'high',
      });
    });

    it('counts a commit only at its first deployment', () => {
      // a: committed Jan 6 08:00, first deployed Jan 6 10:00 (2 h); its
      //    redeployment on Jan 7 (26 h) does not count.
      // b: first deployed Jan 4, before the window, so it is excluded even
      //    though it is redeployed on Jan 7 inside the window.
      // The input lists the later deployment first: order must not matter.
      const result = compute([
        deployment('d3', '2026-01-07T10:00:00Z', {
          commits: [
            commit('a', '2026-01-06T08:00:00Z'),
            commit('b', '2026-01-03T00:00:00Z'),
          ],
        }),
        deployment('d2', '2026-01-06T10:00:00Z', {
          commits: [commit('a', '2026-01-06T08:00:00Z')],
        }),
        deployment('d1', '2026-01-04T00:00:00Z', {
          commits: [commit('b', '2026-01-03T00:00:00Z')],
        }),
      ]);
      expect(result.leadTimeForChanges).toEqual({
        changes: 1,
        medianHours: 2,
        p90Hours: 2,
        band: 'elite',
      });
    });

    it('counts the same sha separately per component', () => {
      // shop: 1 h, cart: 3 h -> 2 changes, median 2 h.
      const result = compute([
        deployment('d1', '2026-01-06T10:00:00Z', {
          commits: [commit('x', '2026-01-06T09:00:00Z')],
        }),
        deployment('d2', '2026-01-06T12:00:00Z', {
          entityRef: 'component:default/cart',
          commits: [commit('x', '2026-01-06T09:00:00Z')],
        }),
      ]);
      expect(result.leadTimeForChanges.changes).toBe(2);
      expect(result.leadTimeForChanges.medianHours).toBe(2);
    });

    it('ignores non-production deployments when finding the first one', () => {
      // Staging got the commit after 2 h; production only after 24 h.
      const result = compute([
        deployment('s1', '2026-01-05T10:00:00Z', {
          environment: 'staging',
          commits: [commit('a', '2026-01-05T08:00:00Z')],
        }),
        deployment('d1', '2026-01-06T08:00:00Z', {
          commits: [commit('a', '2026-01-05T08:00:00Z')],
        }),
      ]);
      expect(result.leadTimeForChanges.changes).toBe(1);
      expect(result.leadTimeForChanges.medianHours).toBe(24);
    });
  });

  describe('change failure rate and recovery time', () => {
    it('marks a rolled-back deployment failed, recovered by the rollback', () => {
      // d1 finished Jan 6 10:00, rolled back by r1 at 10:30: 0.5 h (elite).
      // CFR = 1 failed / 3 deployments (d1, r1, d3) = 0.333 > 0.15: low.
      const result = compute([
        deployment('d1', '2026-01-06T10:00:00Z'),
        deployment('r1', '2026-01-06T10:30:00Z', { rollbackOf: 'd1' }),
        deployment('d3', '2026-01-08T10:00:00Z'),
      ]);
      expect(result.changeFailureRate).toEqual({
        deployments: 3,
        failed: 1,
        ratio: 1 / 3,
        band: 'low',
      });
      expect(result.failedDeploymentRecoveryTime).toEqual({
        failures: 1,
        unrecovered: 0,
        medianHours: 0.5,
        band: 'elite',
      });
    });

    it('counts a rollback that finished after the window', () => {
      // d1 at Jan 11 23:00 is in the window; r1 at Jan 12 01:00 is not, but
      // still marks d1 failed and recovers it after 2 h (high).
      const result = compute([
        deployment('d1', '2026-01-11T23:00:00Z'),
        deployment('r1', '2026-01-12T01:00:00Z', { rollbackOf: 'd1' }),
      ]);
      expect(result.changeFailureRate).toMatchObject({
        deployments: 1,
        failed: 1,
        ratio: 1,
      });
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(2);
      expect(result.failedDeploymentRecoveryTime.band).toBe('high');
    });

    it('only counts rollbacks that are production deployments of the same source', () => {
      const result = compute([
        deployment('d1', '2026-01-06T10:00:00Z'),
        deployment('f1', '2026-01-06T11:00:00Z', {
          status: 'failure',
          rollbackOf: 'd1',
        }),
        deployment('s1', '2026-01-06T11:00:00Z', {
          environment: 'staging',
          rollbackOf: 'd1',
        }),
        // gitlab's "d1" would be a different deployment: github's is untouched.
        deployment('g1', '2026-01-06T12:00:00Z', {
          source: 'gitlab',
          rollbackOf: 'd1',
        }),
      ]);
      expect(result.changeFailureRate).toEqual({
        deployments: 2,
        failed: 0,
        ratio: 0,
        band: 'elite',
      });
      expect(result.failedDeploymentRecoveryTime.failures).toBe(0);
    });

    it('recovers at the earliest of incident resolution and remediation', () => {
      // d1 Jan 6 10:00: incident i1 resolved 14:00, remediation m1 at 11:00
      //   -> recovered at 11:00, after 1 h.
      // d2 Jan 8 10:00: incident i2 resolved 10:40, remediation m2 at 12:00
      //   -> recovered at 10:40, after 2/3 h.
      // Recovery median (2/3 + 1) / 2 = 5/6 h (elite).
      // CFR 2 failed / 4 deployments (d1, m1, d2, m2) = 0.5; rework 2 / 4.
      // Time to restore: i1 3.75 h, i2 0.5 h -> median 2.125 h.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('m1', '2026-01-06T11:00:00Z', { remediates: 'i1' }),
          deployment('d2', '2026-01-08T10:00:00Z'),
          deployment('m2', '2026-01-08T12:00:00Z', { remediates: 'i2' }),
        ],
        [
          incident('i1', '2026-01-06T10:15:00Z', {
            deploymentId: 'd1',
            resolvedAt: '2026-01-06T14:00:00Z',
          }),
          incident('i2', '2026-01-08T10:10:00Z', {
            deploymentId: 'd2',
            resolvedAt: '2026-01-08T10:40:00Z',
          }),
        ],
      );
      expect(result.changeFailureRate).toEqual({
        deployments: 4,
        failed: 2,
        ratio: 0.5,
        band: 'low',
      });
      expect(result.failedDeploymentRecoveryTime.failures).toBe(2);
      expect(result.failedDeploymentRecoveryTime.unrecovered).toBe(0);
      expect(result.failedDeploymentRecoveryTime.medianHours).toBeCloseTo(
        5 / 6,
        10,
      );
      expect(result.failedDeploymentRecoveryTime.band).toBe('elite');
      expect(result.deploymentReworkRate).toEqual({
        deployments: 4,
        rework: 2,
        ratio: 0.5,
      });
      expect(result.timeToRestoreService).toEqual({
        incidents: 2,
        medianHours: 2.125,
      });
    });

    it('counts failures with no recovery yet as unrecovered', () => {
      // d1: incident i1 still open -> unrecovered.
      // d2: incident i2 resolved after 3 h. d3: fine.
      // Recovery median over d2 only: 3 h (high); CFR 2/3.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('d2', '2026-01-07T10:00:00Z'),
          deployment('d3', '2026-01-08T10:00:00Z'),
        ],
        [
          incident('i1', '2026-01-06T11:00:00Z', { deploymentId: 'd1' }),
          incident('i2', '2026-01-07T11:00:00Z', {
            deploymentId: 'd2',
            resolvedAt: '2026-01-07T13:00:00Z',
          }),
        ],
      );
      expect(result.changeFailureRate.failed).toBe(2);
      expect(result.changeFailureRate.ratio).toBeCloseTo(2 / 3, 10);
      expect(result.failedDeploymentRecoveryTime).toEqual({
        failures: 2,
        unrecovered: 1,
        medianHours: 3,
        band: 'high',
      });
    });

    it('lets an incident tool name a deployment of another source on the same component', () => {
      // PagerDuty runs no deployments: its incident naming 'd1' means github's d1
      // (shop). d2 is argocd's 'd2' on shop; github also has a 'd2', but on another
      // component, so p2 fails argocd's. 'd3' exists only on another component: p3
      // fails nothing. CFR 2/3; recoveries 1 h (d1) and 4 h (argocd d2): median 2.5 h.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('d2', '2026-01-07T10:00:00Z', { source: 'argocd' }),
          deployment('d2', '2026-01-07T09:00:00Z', {
            entityRef: 'component:default/other',
          }),
          deployment('d3', '2026-01-08T10:00:00Z', {
            entityRef: 'component:default/other',
          }),
        ],
        [
          incident('p1', '2026-01-06T10:30:00Z', {
            source: 'pagerduty',
            deploymentId: 'd1',
            resolvedAt: '2026-01-06T11:00:00Z',
          }),
          incident('p2', '2026-01-07T11:00:00Z', {
            source: 'pagerduty',
            deploymentId: 'd2',
            resolvedAt: '2026-01-07T14:00:00Z',
          }),
          incident('p3', '2026-01-08T11:00:00Z', {
            source: 'pagerduty',
            deploymentId: 'd3',
          }),
        ],
      );
      expect(result.changeFailureRate).toMatchObject({
        deployments: 4,
        failed: 2,
      });
      expect(result.failedDeploymentRecoveryTime).toEqual({
        failures: 2,
        unrecovered: 0,
        medianHours: 2.5,
        band: 'high',
      });
    });

    it('prefers the incident’s own source when it has a deployment with the id', () => {
      // GitHub issue i1 names 'd1': github's d1, not argocd's d1 (which sorts first).
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('d1', '2026-01-09T10:00:00Z', { source: 'argocd' }),
        ],
        [
          incident('i1', '2026-01-06T11:00:00Z', {
            deploymentId: 'd1',
            resolvedAt: '2026-01-06T12:00:00Z',
          }),
        ],
      );
      // github d1 finished 10:00, resolved 12:00: 2 h.
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(2);
      expect(result.changeFailureRate.failed).toBe(1);
    });

    it('gives an unknown recovery band when nothing has recovered', () => {
      const result = compute(
        [deployment('d1', '2026-01-06T10:00:00Z')],
        [incident('i1', '2026-01-06T11:00:00Z', { deploymentId: 'd1' })],
      );
      expect(result.failedDeploymentRecoveryTime).toEqual({
        failures: 1,
        unrecovered: 1,
        medianHours: null,
        band: 'unknown',
      });
    });

    it('clamps a recovery before the failure at 0 hours', () => {
      // Clock skew: i1 claims resolution 5 minutes before d1 finished.
      const result = compute(
        [deployment('d1', '2026-01-06T10:00:00Z')],
        [
          incident('i1', '2026-01-06T09:50:00Z', {
            deploymentId: 'd1',
            resolvedAt: '2026-01-06T09:55:00Z',
          }),
        ],
      );
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(0);
    });

    it('never exceeds 100% when several things name one deployment', () => {
      // Two incidents and a later rollback all name d1: still one failure.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('r1', '2026-01-13T10:00:00Z', { rollbackOf: 'd1' }),
        ],
        [
          incident('i1', '2026-01-06T11:00:00Z', { deploymentId: 'd1' }),
          incident('i2', '2026-01-06T12:00:00Z', { deploymentId: 'd1' }),
        ],
      );
      expect(result.changeFailureRate).toMatchObject({
        deployments: 1,
        failed: 1,
        ratio: 1,
      });
    });

    it('is elite at exactly 5%', () => {
      // 20 deployments (one every 6 h from Jan 5), one rolled back after the
      // window: 1 / 20 = 0.05.
      const deployments = Array.from({ length: 20 }, (_, i) =>
        deployment(
          `d${i}`,
          new Date(Date.parse(FROM) + i * 6 * 3_600_000).toISOString(),
        ),
      );
      deployments.push(
        deployment('r', '2026-01-13T00:00:00Z', { rollbackOf: 'd0' }),
      );
      expect(compute(deployments).changeFailureRate).toEqual({
        deployments: 20,
        failed: 1,
        ratio: 0.05,
        band: 'elite',
      });
    });

    it('does not count a remediation of an incident naming no deployment as recovery', () => {
      // i1 names nothing and attribution is off: no failure, but m1 is rework.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z'),
          deployment('m1', '2026-01-06T12:00:00Z', { remediates: 'i1' }),
        ],
        [incident('i1', '2026-01-06T11:00:00Z')],
      );
      expect(result.changeFailureRate.failed).toBe(0);
      expect(result.deploymentReworkRate).toEqual({
        deployments: 2,
        rework: 1,
        ratio: 0.5,
      });
    });
  });

  describe('incident attribution', () => {
    // shop: d1 at 10:00, d2 at 12:00, d4 at 14:30 (after the incident);
    // cart: d3 at 13:00. Incident i1 on shop opens at 14:00, names nothing,
    // and is resolved at 15:00.
    const deployments = [
      deployment('d1', '2026-01-06T10:00:00Z'),
      deployment('d2', '2026-01-06T12:00:00Z'),
      deployment('d3', '2026-01-06T13:00:00Z', {
        entityRef: 'component:default/cart',
      }),
      deployment('d4', '2026-01-06T14:30:00Z'),
    ];
    const incidents = [
      incident('i1', '2026-01-06T14:00:00Z', {
        source: 'pagerduty',
        resolvedAt: '2026-01-06T15:00:00Z',
      }),
    ];

    it('attributes nothing when off', () => {
      const result = compute(deployments, incidents);
      expect(result.changeFailureRate.failed).toBe(0);
    });

    it('picks the latest deployment of the same component within the window', () => {
      // d2 finished 2 h before the incident opened; d3 is another component,
      // d4 finished after it opened. Recovery: 15:00 - 12:00 = 3 h.
      const result = compute(deployments, incidents, {
        incidentAttributionWindowHours: 4,
      });
      expect(result.changeFailureRate).toMatchObject({
        deployments: 4,
        failed: 1,
        ratio: 0.25,
      });
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(3);
    });

    it('attributes nothing when no deployment is recent enough', () => {
      // d2 finished 2 h before the incident: outside a 1 h window.
      const result = compute(deployments, incidents, {
        incidentAttributionWindowHours: 1,
      });
      expect(result.changeFailureRate.failed).toBe(0);
    });

    it('never overrides a deployment the incident names', () => {
      const named = [{ ...incidents[0], source: 'github', deploymentId: 'd1' }];
      const result = compute(deployments, named, {
        incidentAttributionWindowHours: 4,
      });
      // d1 (named) recovered at 15:00 after 5 h; d2 stays healthy.
      expect(result.changeFailureRate.failed).toBe(1);
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(5);
    });
  });

  describe('what counts as a deployment', () => {
    it('ignores failed, cancelled, in-progress and non-production runs', () => {
      // Only d1 and u1 (environment "PROD", matched case-insensitively) count.
      // i1 names the failed run f1, which is no deployment, so nothing failed.
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z', {
            commits: [commit('a', '2026-01-06T09:00:00Z')],
          }),
          deployment('u1', '2026-01-06T11:00:00Z', { environment: 'PROD' }),
          deployment('f1', '2026-01-06T12:00:00Z', {
            status: 'failure',
            commits: [commit('b', '2026-01-06T09:00:00Z')],
          }),
          deployment('c1', '2026-01-06T12:00:00Z', { status: 'cancelled' }),
          deployment('p1', null, { status: 'in_progress' }),
          deployment('n1', null),
          deployment('s1', '2026-01-06T12:00:00Z', {
            environment: 'staging',
            remediates: 'i1',
            commits: [commit('c', '2026-01-06T09:00:00Z')],
          }),
        ],
        [incident('i1', '2026-01-06T12:30:00Z', { deploymentId: 'f1' })],
      );
      expect(result.deploymentFrequency.deployments).toBe(2);
      expect(result.leadTimeForChanges.changes).toBe(1);
      expect(result.changeFailureRate.failed).toBe(0);
      expect(result.deploymentReworkRate.rework).toBe(0);
    });

    it('takes the production environments from the options', () => {
      const result = compute(
        [
          deployment('d1', '2026-01-06T10:00:00Z', { environment: 'live-eu' }),
          deployment('d2', '2026-01-06T11:00:00Z'),
        ],
        [],
        { productionEnvironments: ['Live-EU'] },
      );
      expect(result.deploymentFrequency.deployments).toBe(1);
    });
  });

  describe('time zones and boundaries', () => {
    const week = (deployments: DoraDeployment[]) =>
      computeDora({
        deployments,
        incidents: [],
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-08T00:00:00Z',
      }).deploymentFrequency.deployments;

    it('compares instants, not strings', () => {
      // 2026-01-07T23:30-02:00 is Jan 8 01:30Z: after the window.
      expect(week([deployment('a', '2026-01-07T23:30:00-02:00')])).toBe(0);
      // 2026-01-08T01:30+02:00 is Jan 7 23:30Z: inside the window.
      expect(week([deployment('b', '2026-01-08T01:30:00+02:00')])).toBe(1);
    });

    it('includes from and excludes to', () => {
      expect(week([deployment('a', '2026-01-01T00:00:00Z')])).toBe(1);
      // The same instant as from, written with another offset.
      expect(week([deployment('b', '2026-01-01T05:00:00+05:00')])).toBe(1);
      expect(week([deployment('c', '2026-01-08T00:00:00.000Z')])).toBe(0);
      expect(week([deployment('d', '2026-01-07T23:59:59.999Z')])).toBe(1);
    });

    it('honours offsets in lead times', () => {
      // Committed 10:00+01:00 = 09:00Z, deployed 12:00Z: 3 h.
      const result = compute([
        deployment('d1', '2026-01-06T12:00:00Z', {
          commits: [commit('a', '2026-01-06T10:00:00+01:00')],
        }),
      ]);
      expect(result.leadTimeForChanges.medianHours).toBe(3);
    });
  });

  describe('time to restore service', () => {
    it('takes incidents opened in the window, median over the resolved ones', () => {
      // i0 opened before the window and i4 at its (exclusive) end: excluded.
      // i1 2 h, i2 4 h, i3 unresolved -> 3 incidents, median 3 h.
      const result = compute(
        [],
        [
          incident('i0', '2026-01-04T23:00:00Z', {
            resolvedAt: '2026-01-05T01:00:00Z',
          }),
          incident('i1', '2026-01-06T10:00:00Z', {
            resolvedAt: '2026-01-06T12:00:00Z',
          }),
          incident('i2', '2026-01-07T10:00:00Z', {
            resolvedAt: '2026-01-07T14:00:00Z',
          }),
          incident('i3', '2026-01-08T10:00:00Z'),
          incident('i4', TO, { resolvedAt: '2026-01-12T01:00:00Z' }),
        ],
      );
      expect(result.timeToRestoreService).toEqual({
        incidents: 3,
        medianHours: 3,
      });
    });
  });

  it('does not depend on the order of the input', () => {
    const deployments = [
      deployment('d1', '2026-01-06T10:00:00Z', {
        commits: [commit('a', '2026-01-06T08:00:00Z')],
      }),
      deployment('d2', '2026-01-07T10:00:00Z', {
        commits: [commit('a', '2026-01-06T08:00:00Z')],
        rollbackOf: 'd1',
      }),
      deployment('d3', '2026-01-08T10:00:00Z', { remediates: 'i1' }),
    ];
    const incidents = [
      incident('i1', '2026-01-07T11:00:00Z', {
        resolvedAt: '2026-01-07T12:00:00Z',
      }),
    ];
    const options = { incidentAttributionWindowHours: 24 };
    expect(
      compute([...deployments].reverse(), [...incidents].reverse(), options),
    ).toEqual(compute(deployments, incidents, options));
  });

  it('breaks ties between equal finish times the same way in any order', () => {
    // a and b both finish at 12:00 and both ship sha x, listed with
    // different commit times: the earlier one (08:00) gives 4 h either way.
    // i1 names nothing; with attribution it goes to b (ties take the greater
    // id), while r1 rolls back a: two failures, recovered after 1.5 h (a) and
    // 3 h (b).
    const deployments = [
      deployment('a', '2026-01-06T12:00:00Z', {
        commits: [commit('x', '2026-01-06T08:00:00Z')],
      }),
      deployment('b', '2026-01-06T12:00:00Z', {
        commits: [commit('x', '2026-01-06T09:00:00Z')],
      }),
      deployment('r1', '2026-01-06T13:30:00Z', { rollbackOf: 'a' }),
    ];
    const incidents = [
      incident('i1', '2026-01-06T13:00:00Z', {
        resolvedAt: '2026-01-06T15:00:00Z',
      }),
    ];
    const options = { incidentAttributionWindowHours: 2 };
    for (const order of [deployments, [...deployments].reverse()]) {
      const result = compute(order, incidents, options);
      expect(result.leadTimeForChanges.medianHours).toBe(4);
      expect(result.changeFailureRate.failed).toBe(2);
      expect(result.failedDeploymentRecoveryTime.medianHours).toBe(2.25);
    }
  });

  it('rejects an empty window and invalid dates', () => {
    expect(() =>
      computeDora({ deployments: [], incidents: [], from: TO, to: FROM }),
    ).toThrow(/window is empty/);
    expect(() => compute([deployment('d1', 'yesterday')])).toThrow(
      /Invalid ISO-8601 date-time: yesterday/,
    );
  });
});
