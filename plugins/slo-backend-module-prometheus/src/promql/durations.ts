/** PromQL durations and numbers as the templates write them. */

const UNITS: Array<[string, number]> = [
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** PromQL duration: the largest unit that divides `ms` exactly (`1h`, `90s`, `3599999ms`). */
export function promDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(
      `a PromQL range must be a positive whole number of ms, got ${ms}`,
    );
  }
  for (const [unit, size] of UNITS) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A number as PromQL reads it, without float noise. */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Milliseconds of a range written by promDuration. */
export function parseRange(range: string): number {
  const match = /^([0-9]+)(ms|s|m|h|d|w)$/.exec(range);
  if (!match) throw new Error(`unsupported range ${range}`);
  const size =
    match[2] === 'ms' ? 1 : UNITS.find(([unit]) => unit === match[2])![1];
  return Number(match[1]) * size;
}
