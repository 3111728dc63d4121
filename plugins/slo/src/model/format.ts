/*
 * Every number the SLO card and tab show goes through these pure functions, so each
 * formatting rule (rounding, overspent budgets, missing data) is tested once.
 */
import {
  DataQualityStatus,
  describeDuration,
  SloIndicator,
  SloState,
  SloWindow,
} from '@internal/backstage-plugin-slo-common';

/** Shown wherever a figure could not be computed: never 0 or 100%. */
export const NO_VALUE = '–';

/** Rounds to `decimals` places and drops float noise (0.1 + 0.2 -> 0.3). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Number((Math.round(value * factor) / factor).toFixed(decimals));
}

/**
 * A ratio as a percentage with at most `decimals` decimals, trailing zeros dropped:
 * 0.9996 -> "99.96%", 0.6 -> "60%", null -> "–".
 */
export function formatPercent(
  ratio: number | null | undefined,
  decimals = 3,
): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return NO_VALUE;
  }
  return `${round(ratio * 100, decimals)}%`;
}

/** Budget remaining; below 0 it says so: -0.5 -> "-50% (overspent)". */
export function formatBudgetRemaining(remaining: number | null): string {
  if (remaining === null) return NO_VALUE;
  const text = formatPercent(remaining, 1);
  return remaining < 0 ? `${text} (overspent)` : text;
}

/**
 * Geometry of the budget bar, in percent of its width: the part left (0..100) and,
 * when overspent, how far past zero it went (capped at a whole budget).
 */
export function budgetBar(remaining: number | null): {
  leftPercent: number;
  overspentPercent: number;
  known: boolean;
} {
  if (remaining === null) {
    return { leftPercent: 0, overspentPercent: 0, known: false };
  }
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  return {
    leftPercent: clamp(round(remaining * 100, 2)),
    overspentPercent: remaining < 0 ? clamp(round(-remaining * 100, 2)) : 0,
    known: true,
  };
}

/** 14.4 -> "14.4×", 0.4 -> "0.4×". */
export function formatBurnRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return NO_VALUE;
  return `${round(rate, 2)}×`;
}

/** 1000000 -> "1,000,000"; fractional counts keep two decimals. */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined) return NO_VALUE;
  return round(count, 2).toLocaleString('en-US');
}

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/**
 * The largest unit of a duration and the next one when not zero:
 * 93_600_000 -> "1 d 2 h", 86_400_000 -> "1 d", 90_000 -> "1 min 30 s"; below 1 s -> "0 s".
 */
export function formatDurationMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  const seconds = Math.max(0, Math.round(ms / 1000));
  const counts = UNITS.map(([unit, size], i) => {
    const above = i === 0 ? Infinity : UNITS[i - 1][1] / size;
    return { unit, count: Math.floor(seconds / (size / 1000)) % above };
  });
  const first = counts.findIndex(c => c.count > 0);
  if (first < 0) return '0 s';
  return counts
    .slice(first, first + 2)
    .filter(c => c.count > 0)
    .map(c => `${c.count} ${c.unit}`)
    .join(' ');
}

export const stateLabels: Record<SloState, string> = {
  ok: 'Healthy',
  warning: 'Warning',
  critical: 'Burning fast',
  exhausted: 'Budget exhausted',
  unknown: 'Unknown',
};

export const dataQualityLabels: Record<DataQualityStatus, string> = {
  ok: 'Data OK',
  no_traffic: 'No traffic',
  no_data: 'No data',
  partial: 'Partial data',
  error: 'Query error',
};

/** "rolling 28 days", "calendar month (Europe/Paris)". */
export function describeWindow(window: SloWindow): string {
  if (window.kind === 'rolling') {
    return `rolling ${describeDuration(window.duration)}`;
  }
  const length =
    window.duration.value === 1
      ? describeDuration(window.duration).replace(/^1 /, '')
      : describeDuration(window.duration);
  return `calendar ${length} (${window.timeZone})`;
}

/** One line on what is counted, e.g. "ratio of bad to total events". */
export function describeIndicator(indicator: SloIndicator): string {
  switch (indicator.kind) {
    case 'ratio':
      return indicator.good
        ? 'ratio of good to total events'
        : 'ratio of bad to total events';
    case 'latency':
      return `requests of ${indicator.metric} faster than ${indicator.thresholdSeconds} s`;
    case 'boolean':
      return 'share of time the gauge reads 1';
    case 'threshold':
      return `share of samples ${indicator.op} ${indicator.value}`;
    case 'recordedRatio':
      return 'average of a recorded error ratio (time-weighted, e.g. Sloth)';
    default:
      return 'indicator';
  }
}

/** The indicator's source queries with a label each, for the definition view. */
export function indicatorQueries(
  indicator: SloIndicator,
): Array<{ label: string; query: string }> {
  switch (indicator.kind) {
    case 'ratio':
      return [
        ...(indicator.good
          ? [{ label: 'good', query: indicator.good.query }]
          : []),
        ...(indicator.bad
          ? [{ label: 'bad', query: indicator.bad.query }]
          : []),
        { label: 'total', query: indicator.total.query },
      ];
    case 'latency': {
      const selector = indicator.selector ? `,${indicator.selector}` : '';
      return [
        {
          label: 'good',
          query: `${indicator.metric}_bucket{le="${indicator.thresholdSeconds}"${selector}}`,
        },
        {
          label: 'total',
          query: `${indicator.metric}_count${
            indicator.selector ? `{${indicator.selector}}` : ''
          }`,
        },
      ];
    }
    case 'boolean':
    case 'threshold':
      return [{ label: 'gauge', query: indicator.query.query }];
    case 'recordedRatio':
      return [{ label: 'error ratio', query: indicator.errorRatio.query }];
    default:
      return [];
  }
}
