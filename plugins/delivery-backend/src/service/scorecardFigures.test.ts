import { pooledAggregate } from './scorecardFigures';

describe('pooledAggregate', () => {
  const HOUR = 3_600_000;
  const facts = new Map([
    [
      'component:default/a',
      { deployments: 2, rework: 1, leadMillis: [1 * HOUR, 3 * HOUR] },
    ],
    [
      'component:default/b',
      { deployments: 1, rework: 0, leadMillis: [2 * HOUR] },
    ],
  ]);

  it('sums counts and pools lead times before the quantiles', () => {
    // Leads 1, 2, 3 h: median 2 h; p90 at 0.9 * 2 = 1.8 -> 2 + 0.8 * (3 - 2) = 2.8 h.
    const pooled = pooledAggregate(facts, [
      'component:default/a',
      'component:default/b',
      'component:default/none',
    ]);
    expect(pooled?.deployments).toBe(3);
    expect(pooled?.rework).toBe(1);
    expect(pooled?.leadTime.changes).toBe(3);
    expect(pooled?.leadTime.medianHours).toBe(2);
    expect(pooled?.leadTime.p90Hours).toBeCloseTo(2.8, 10);
  });

  it('is undefined for a scope without deployments, as the store answers', () => {
    expect(pooledAggregate(facts, ['component:default/none'])).toBeUndefined();
  });
});
