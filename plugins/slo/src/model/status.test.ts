import {
  noMetricSource,
  sortObjectives,
  staleSummary,
  worstState,
} from './status';
import { sortRollup } from './rollup';
import {
  availability,
  latency,
  noSourceResponse,
  objectivesResponse,
  systemStatus,
} from '../testUtils/fixtures';

describe('status readings', () => {
  it('detects a backend without metric source', () => {
    expect(noMetricSource(objectivesResponse)).toBe(false);
    expect(noMetricSource(noSourceResponse)).toBe(true);
    // Also from the objectives alone, when the flag is absent.
    expect(
      noMetricSource({
        ...noSourceResponse,
        metricSourceConfigured: undefined,
      }),
    ).toBe(true);
  });

  it('lists the worst objective first', () => {
    expect(sortObjectives([availability, latency]).map(o => o.id)).toEqual([
      'checkout-latency',
      'checkout-availability',
    ]);
    expect(worstState(['ok', 'warning', 'unknown'])).toBe('warning');
    expect(worstState([])).toBe('unknown');
  });

  it('says since when figures are stale', () => {
    expect(staleSummary([availability])).toBeUndefined();
    const stale = staleSummary([availability, latency])!;
    expect(stale.objectives.map(o => o.id)).toEqual(['checkout-latency']);
    expect(stale.since).toBe('2026-01-28T21:00:00.000Z');
    expect(stale.lastError).toBe(
      'prometheus:default: query timed out after 30s',
    );
  });

  it('orders the roll-up frozen, worst state, least budget first', () => {
    expect(sortRollup(systemStatus.components).map(c => c.entityRef)).toEqual([
      'component:default/checkout-service',
      'component:default/search-service',
      'component:default/cart-service',
    ]);
  });
});
