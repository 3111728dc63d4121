/**
 * Histogram bucket labels. Prometheus 2 stores `le` as the exporter wrote it (`1`,
 * `0.25`, `1e-05`); Prometheus 3 rewrites it to Go's shortest float text with `.0` on
 * whole numbers (`1.0`, `0.25`, `1e-05`). One regex matcher finds a threshold in every
 * such notation, so a definition works on both versions and on data that spans an
 * upgrade (old blocks keep `le="1"`, new ones have `le="1.0"`).
 */
import { quoteLabelValue, SeriesSelector } from './selector';

/** Digits and decimal exponent of a positive finite number: 0.25 -> { digits: '25', exp: -1 }. */
function decompose(value: number): { digits: string; exp: number } {
  const [mantissa, exponent] = value.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exp: Number(exponent) };
}

/** `int(\.frac0*)` or `int(\.0*)?`, escaped for a PromQL regex inside a string. */
function decimalPattern(integer: string, fraction: string): string {
  return fraction ? `${integer}\\.${fraction}0*` : `${integer}(\\.0*)?`;
}

/**
 * A regex (RE2, anchored by Prometheus) matching the notations of `value` as an `le`
 * label: plain decimal with any trailing zeros, and the exponent form Go writes for
 * values below 1e-4 or from 1e6 on (`1e-05`, `2.5e+06`).
 */
export function leNotations(value: number): string {
  const { digits, exp } = decompose(value);
  const trimmed = digits.replace(/0+$/, '') || '0';
  let plain: string;
  if (exp >= 0) {
    const integer = trimmed.padEnd(exp + 1, '0');
    plain = decimalPattern(integer.slice(0, exp + 1), trimmed.slice(exp + 1));
  } else {
    plain = decimalPattern('0', `${'0'.repeat(-exp - 1)}${trimmed}`);
  }
  if (exp >= -4 && exp < 6) return plain;
  const mantissa = decimalPattern(trimmed[0], trimmed.slice(1));
  const sign = exp < 0 ? '-' : '\\+?';
  return `${plain}|${mantissa}[eE]${sign}0*${Math.abs(exp)}`;
}

/** The `le` matcher of the bucket at a latency threshold (seconds). */
export function bucketMatcher(thresholdSeconds: number): string {
  if (!Number.isFinite(thresholdSeconds) || thresholdSeconds <= 0) {
    throw new Error(
      `latency threshold must be a positive number of seconds, got ${thresholdSeconds}`,
    );
  }
  return `le=~${quoteLabelValue(leNotations(thresholdSeconds))}`;
}

/** `le` values as a reader expects them: numeric order, `+Inf` last, each once. */
export function sortBuckets(values: string[]): string[] {
  const byNumber = new Map<number, string>();
  for (const text of values) {
    const value = text === '+Inf' ? Infinity : Number(text);
    if (Number.isNaN(value)) continue;
    // 1 and 1.0 (a window across an upgrade) are one bucket: keep the shorter text.
    const known = byNumber.get(value);
    if (known === undefined || text.length < known.length) {
      byNumber.set(value, text);
    }
  }
  return [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
}

/**
 * A definition's own bucket selector (`x_bucket{job="api",le="1"}`, as OpenSLO ratio
 * latency SLIs are written) with its numeric `le="<n>"` matcher replaced by the
 * matcher of every notation, and the selector of all the histogram's buckets (for the
 * error that lists them). Other selectors come back unchanged.
 */
export function withBucketNotations(selector: SeriesSelector): {
  selector: SeriesSelector;
  bucketsOf?: SeriesSelector;
} {
  const index = selector.matchers.findIndex(m => /^le="[^"]*"$/.test(m));
  if (!selector.metric?.endsWith('_bucket') || index < 0) return { selector };
  const value = Number(selector.matchers[index].slice(4, -1));
  if (!Number.isFinite(value) || value <= 0) return { selector };
  const others = selector.matchers.filter((_m, i) => i !== index);
  const matchers = [...selector.matchers];
  matchers[index] = bucketMatcher(value);
  return {
    selector: { ...selector, matchers },
    bucketsOf: { ...selector, matchers: others },
  };
}
