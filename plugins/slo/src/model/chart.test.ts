import {
  spreadTicks,
  burndownGeometry,
  deploymentMarkers,
  indicatorGeometry,
  linePath,
  timeTicks,
  xAt,
  yAt,
} from './chart';
import { describeImpact, toChartDeployments, withImpacts } from './deployments';
import {
  availability,
  deliveryDeployments,
  impactResponse,
  latency,
  WINDOW,
} from '../testUtils/fixtures';

// 28 days over 280 px: 10 px a day.
const scale = {
  fromMs: Date.parse(WINDOW.from),
  toMs: Date.parse(WINDOW.to),
  width: 280,
};

type Frame = { window: { from: string; to: string } };

/** The burndown chart of a report, 280 px wide. */
const burndownOf = (
  report: Frame & {
    burndown: Parameters<typeof burndownGeometry>[0]['points'];
  },
  height = 100,
) =>
  burndownGeometry({
    points: report.burndown,
    window: report.window,
    width: 280,
    height,
  });

/** The indicator chart of a report against `target`, 280 x 100 px. */
const indicatorOf = (
  report: Frame & {
    indicatorSeries: Parameters<typeof indicatorGeometry>[0]['series'];
  },
  target: number,
) =>
  indicatorGeometry({
    series: report.indicatorSeries,
    target,
    window: report.window,
    width: 280,
    height: 100,
  });

describe('scales', () => {
  it('places instants and values', () => {
    expect(xAt(Date.parse('2026-01-08T00:00:00Z'), scale)).toBe(70);
    expect(xAt(Date.parse('2026-01-14T12:00:00Z'), scale)).toBe(135);
    // y grows downwards: 1 at the top, 0 at the bottom of 100 px.
    expect(yAt(1, { min: 0, max: 1, height: 100 })).toBe(0);
    expect(yAt(0.4, { min: 0, max: 1, height: 100 })).toBe(60);
    // 0.999 on 0.998..1 over 100 px: (1 - 0.999) / 0.002 * 100 = 50.
    expect(yAt(0.999, { min: 0.998, max: 1, height: 100 })).toBe(50);
  });

  it('splits the window into ticks of ~110 px', () => {
    // 280 / 110 -> 2 intervals: Jan 1, Jan 15, Jan 29.
    expect(timeTicks(scale)).toEqual([
      { ms: Date.parse('2026-01-01T00:00:00Z'), x: 0 },
      { ms: Date.parse('2026-01-15T00:00:00Z'), x: 140 },
      { ms: Date.parse('2026-01-29T00:00:00Z'), x: 280 },
    ]);
  });
});

describe('spreadTicks', () => {
  it('drops labels that would overlap a more important one', () => {
    // Burndown overspent to -20.3: 1 at y 0, 0.5 at 3.3, 0 at 6.6, -20.3 at 140 (140 px).
    const tick = (value: number, y: number) => ({ value, y });
    expect(
      spreadTicks([tick(0, 6.6), tick(1, 0), tick(-20.3, 140), tick(0.5, 3.3)]),
    ).toEqual([tick(0, 6.6), tick(-20.3, 140)]);
    expect(
      spreadTicks([tick(0, 100), tick(1, 0), tick(0.5, 50)]).map(t => t.value),
    ).toEqual([1, 0.5, 0]);
  });
});

describe('linePath', () => {
  it('breaks the line where data is missing instead of bridging it', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 5, y: 12 },
        { x: 10, y: null },
        { x: 15, y: 4 },
        { x: 20, y: 6 },
      ]),
    ).toBe('M0,10L5,12M15,4L20,6');
    expect(linePath([{ x: 0, y: null }])).toBe('');
  });
});

describe('burndownGeometry', () => {
  it('maps budget remaining and the ideal line onto 0..100% of the height', () => {
    const g = burndownOf(availability);
    expect(g.values).toEqual({ min: 0, max: 1, height: 100 });
    // Jan 8 -> x 70, remaining 1 -> y 0; Jan 15 -> x 140, 0.4 -> y 60; Jan 22 has no
    // data (the line stops); Jan 29 -> x 280, 0.6 -> y 40.
    expect(g.remainingPath).toBe('M70,0L140,60M280,40');
    // Ideal 0.75, 0.5, 0.25, 0 -> y 25, 50, 75, 100.
    expect(g.idealPath).toBe('M70,25L140,50L210,75L280,100');
    expect(g.zeroY).toBe(100);
    expect(g.valueTicks).toEqual([
      { value: 1, y: 0 },
      { value: 0.5, y: 50 },
      { value: 0, y: 100 },
    ]);
    expect(g.last).toEqual({ x: 280, y: 40, remaining: 0.6 });
  });

  it('extends the axis below 0 to the next tenth when the budget is overspent', () => {
    // Remaining 0.8, 0.2, -0.3, -0.5: axis -0.5..1 (span 1.5) over 150 px, so
    // y = (1 - v) / 1.5 * 150 = (1 - v) * 100. The window starts 3 h before
    // Jan 1 (2025-12-31T21:00Z): Jan 7 21:00 is 7 days in -> x 70.
    const g = burndownOf(latency, 150);
    expect(g.values.min).toBe(-0.5);
    expect(g.remainingPath).toBe('M70,20L140,80L210,130L280,150');
    expect(g.zeroY).toBe(100);
    expect(g.valueTicks.map(t => [t.value, t.y])).toEqual([
      [1, 0],
      [0.5, 50],
      [0, 100],
      [-0.5, 150],
    ]);
  });

  it('rounds the lower bound down to a tenth without float noise', () => {
    const g = burndownOf({
      burndown: [{ t: WINDOW.to, remaining: -0.3, ideal: 0 }],
      window: WINDOW,
    });
    // -0.3 * 10 is -3.0000000000000004 in floats: must still give -0.3, not -0.4.
    expect(g.values.min).toBe(-0.3);
  });
});

describe('indicatorGeometry', () => {
  it('spans one budget below the target up to 1 and marks steps below target', () => {
    // target 0.999, B 0.001: axis 0.998..1 over 100 px; y = (1 - v) / 0.002 * 100.
    const g = indicatorOf(availability, 0.999);
    expect(g.values.min).toBe(0.998);
    expect(g.targetY).toBe(50);
    // 1 -> 0; 0.9982 -> 90; gap; 0.9998 -> 10.
    expect(g.path).toBe('M70,0L140,90M280,10');
    expect(g.below).toEqual([
      { x: 140, y: 90, value: 0.9982, t: '2026-01-15T00:00:00.000Z' },
    ]);
    expect(g.valueTicks.map(t => t.value)).toEqual([1, 0.999, 0.998]);
  });

  it('lowers the axis to the worst step', () => {
    // latency: target 0.99, worst step 0.978 < 0.98 (target - B): axis 0.978..1.
    const g = indicatorOf(latency, 0.99);
    expect(g.values.min).toBe(0.978);
    // (1 - 0.99) / 0.022 * 100 = 45.4545... -> 45.45
    expect(g.targetY).toBe(45.45);
    expect(g.below).toHaveLength(3);
  });
});

describe('deployment markers', () => {
  it('places production deployments inside the window, oldest first', () => {
    const deployments = toChartDeployments(deliveryDeployments);
    // Staging is left out when there are production deployments.
    expect(deployments.map(d => d.key)).toEqual(['github/d1', 'argocd/sync-7']);
    const markers = deploymentMarkers(
      [
        ...deployments,
        { key: 'old', at: '2025-12-31T00:00:00.000Z', label: 'old' },
      ],
      scale,
    );
    // Jan 14 12:00 -> 13.5 days -> x 135; Jan 20 00:00 -> 19 days -> x 190.
    expect(markers.map(m => [m.key, m.x, m.label])).toEqual([
      ['github/d1', 135, 'v2.4.0'],
      ['argocd/sync-7', 190, 'v2.4.1'],
    ]);
  });

  it('shows every environment when none is production', () => {
    const staging = deliveryDeployments.filter(
      d => d.environment === 'staging',
    );
    expect(toChartDeployments(staging).map(d => d.key)).toEqual(['github/d0']);
  });
});

describe('deployment impact', () => {
  it('marks deployments made while frozen and says what they burned', () => {
    const marked = withImpacts(
      toChartDeployments(deliveryDeployments),
      impactResponse.impacts,
    );
    expect(marked.map(d => [d.key, d.frozen])).toEqual([
      ['github/d1', false],
      ['argocd/sync-7', true],
    ]);
    // consumedAfter 0.05 -> 5%, consumedBefore 0.04 -> 4%, over 6 hours.
    expect(describeImpact(marked[1])).toBe(
      'burned 5% of the budget in the 6 h after (4% in the 6 h before)',
    );
    expect(
      describeImpact({
        ...marked[0],
        impact: { consumedAfter: null, consumedBefore: null, hours: 6 },
      }),
    ).toBeUndefined();
  });

  it('names the objective and says when the after-span is cut short by now', () => {
    const [partial] = withImpacts(toChartDeployments(deliveryDeployments), [
      {
        deploymentId: 'github/d1',
        finishedAt: '2026-01-14T12:00:00.000Z',
        objectiveId: 'availability',
        consumedAfter: 0.0069,
        consumedBefore: 0.0042,
        hours: 6,
        afterHours: 2.5,
        afterPartial: true,
        madeWhileFrozen: false,
      },
    ]);
    // 0.0069 -> 0.69%, 0.0042 -> 0.42%
    expect(describeImpact(partial)).toBe(
      'availability burned 0.69% of its budget in the 2.5 h after so far, of 6 h (0.42% in the 6 h before)',
    );
  });
});
