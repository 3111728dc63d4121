/**
 * SLO targets are stored as a ratio in 0..1. Input may be a ratio (`0.999`), a
 * percentage (`99.9`) or a percent string (`"99.9%"`). Percentages are converted by
 * moving the decimal point in the written digits, never by dividing by 100, so 99.9
 * becomes exactly 0.999 and not 0.9990000000000001.
 */

const DECIMAL_PATTERN = /^([0-9]+)(?:\.([0-9]+))?$/;

/** Moves the decimal point of a plain decimal string two places left. */
function percentDigitsToRatio(text: string): number {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) {
    throw new Error(`"${text}" is not a plain decimal number`);
  }
  const integerPart = match[1];
  const fractionPart = match[2] ?? '';
  const digits = integerPart + fractionPart;
  const point = integerPart.length - 2;
  const shifted =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return Number(shifted);
}

/** Converts a percentage (number or string, `%` optional) to a ratio without float noise. */
export function percentToRatio(percent: number | string): number {
  const text = String(percent).trim().replace(/%$/, '').trim();
  return percentDigitsToRatio(text);
}

/**
 * Normalises a target once at input. Numbers above 1 and strings ending in `%` are
 * percentages; otherwise the value is a ratio. The result must lie strictly between
 * 0 and 1: a 100% target leaves no error budget to compute with.
 */
export function normaliseTarget(input: number | string): number {
  const text = String(input).trim();
  const isPercent = text.endsWith('%') || Number(text) > 1;
  const ratio = isPercent ? percentToRatio(text) : Number(text);
  if (!Number.isFinite(ratio)) {
    throw new Error(`target "${input}" is not a number`);
  }
  if (ratio <= 0 || ratio >= 1) {
    throw new Error(
      `target "${input}" must be above 0 and below 1 (or 100%): a 100% target leaves no error budget`,
    );
  }
  return ratio;
}

/** Formats a ratio as a percentage string without float noise: 0.999 -> "99.9%". */
export function formatTargetPercent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(12))}%`;
}
