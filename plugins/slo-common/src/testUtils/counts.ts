/*
 * Count series of a steady service, as a metric source's countSeries answers them.
 * Plain objects (the shape of slo-node's SloCountSeries), so that this package needs no
 * backend dependency.
 */

export interface StepRange {
  /** Epoch ms; `to` exclusive. */
  from: number;
  to: number;
  stepMs: number;
}

/**
 * Every step of [from, to) counts `total` events, `bad` of them failing; a step is
 * reported at its end (the last, shorter one at `to`), and every step is expected.
 */
export const steadyCounts = (
  { from, to, stepMs }: StepRange,
  bad: number,
  total = 1000,
) => {
  const expectedPoints = Math.ceil((to - from) / stepMs);
  const points = Array.from({ length: expectedPoints }, (_, k) => ({
    t: Math.min(from + (k + 1) * stepMs, to),
    good: total - bad,
    bad,
    total,
  }));
  return { points, expectedPoints };
};
