/*
 * Keeps the hand-written fixtures honest: slo-common's evaluator, fed with the counts the
 * fixture comments describe, must answer the same headline figures.
 */
import {
  evaluateObjective,
  StepCounts,
} from '@internal/backstage-plugin-slo-common';
import { availability, WINDOW } from './fixtures';

const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;
const from = Date.parse(WINDOW.from);
const now = Date.parse(WINDOW.to);

/** 672 hourly steps: 671 of 1,488 requests and one of 1,552 = 1,000,000; 400 failed. */
function windowSteps(): StepCounts[] {
  return Array.from({ length: 672 }, (_, i) => {
    const total = i === 671 ? 1_552 : 1_488;
    let bad = 0;
    if (i === 300) bad = 300;
    if (i === 400) bad = 100;
    return { t: from + (i + 1) * HOUR, good: total - bad, bad, total };
  });
}

/** 864 five-minute steps (72 h) of 1,000 requests; the last six have one failure each. */
function recentSteps(): StepCounts[] {
  const start = now - 72 * HOUR;
  return Array.from({ length: 864 }, (_, i) => {
    const bad = i >= 858 ? 1 : 0;
    return {
      t: start + (i + 1) * FIVE_MINUTES,
      good: 1000 - bad,
      bad,
      total: 1000,
    };
  });
}

describe('fixtures', () => {
  it('match what the evaluator computes from the described counts', () => {
    const window = windowSteps();
    expect(window.reduce((sum, p) => sum + p.total, 0)).toBe(1_000_000);
    const report = evaluateObjective({
      objective: availability.definition,
      entityRef: availability.entityRef,
      source: availability.source,
      now,
      window: {
        from,
        to: now,
        stepMs: HOUR,
        points: window,
        expectedPoints: 672,
        queries: [],
      },
      recent: {
        from: now - 72 * HOUR,
        to: now,
        stepMs: FIVE_MINUTES,
        points: recentSteps(),
        expectedPoints: 864,
        queries: [],
      },
    });
    expect(report.window).toEqual(availability.window);
    expect(report.counts).toEqual(availability.counts);
    expect(report.sli).toBe(availability.sli);
    expect(report.budget).toEqual(availability.budget);
    expect(report.burnRates).toEqual(availability.burnRates);
    expect(report.state).toBe(availability.state);
    expect(report.dataQuality).toEqual(availability.dataQuality);
    expect(report.explanations.budgetRemaining.formula).toBe(
      availability.explanations.budgetRemaining.formula,
    );
    expect(report.explanations.badEventsLeft.formula).toBe(
      availability.explanations.badEventsLeft.formula,
    );
  });
});
