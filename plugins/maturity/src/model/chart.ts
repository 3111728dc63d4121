/**
 * Where a weekly series sits in a small chart: x evenly by week, y from 0 at the
 * bottom to `max` at the top; weeks without a value (null) break the line, never
 * drawn as zero.
 */
export function seriesGeometry(
  values: (number | null)[],
  area: { width: number; height: number; max: number },
): {
  points: { index: number; x: number; y: number; value: number }[];
  /** SVG polyline `points` of each unbroken run. */
  runs: string[];
  /** y of a value, for the grid lines. */
  y(value: number): number;
} {
  const { width, height, max } = area;
  const x = (i: number) =>
    values.length <= 1 ? width / 2 : (i * width) / (values.length - 1);
  const y = (value: number) =>
    max <= 0 ? height : height - (Math.min(value, max) / max) * height;
  const points: { index: number; x: number; y: number; value: number }[] = [];
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
      return;
    }
    const point = { index, x: x(index), y: y(value), value };
    points.push(point);
    run.push(`${point.x},${point.y}`);
  });
  if (run.length) runs.push(run.join(' '));
  return { points, runs, y };
}
