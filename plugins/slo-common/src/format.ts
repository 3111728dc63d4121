/** Number and time formatting shared by the evaluator's figures and explanations. */
import { DateTime } from 'luxon';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Rounds away binary float noise: 12 significant digits. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** Rounds for display in formulas: 6 significant digits, no float noise. */
export function num(value: number | undefined | null): string {
  if (value === undefined || value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return String(Number(value.toPrecision(6)));
}

export function iso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO()!;
}

/** `1.5d`, `6h`, `30m`, `-2h`; `never` for Infinity, `n/a` without a value. */
export function humanMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return 'n/a';
  if (!Number.isFinite(ms)) return 'never';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs >= DAY_MS) return `${sign}${num(abs / DAY_MS)}d`;
  if (abs >= HOUR_MS) return `${sign}${num(abs / HOUR_MS)}h`;
  if (abs >= MINUTE_MS) return `${sign}${num(abs / MINUTE_MS)}m`;
  return `${sign}${num(abs / 1000)}s`;
}

/** Infinity (nothing burns) has no JSON form: the API answers null with the explanation. */
export function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
