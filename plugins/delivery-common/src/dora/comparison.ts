/**
 * Whether a figure may be compared with the previous period. A "change vs previous
 * period" is only honest when that period holds data for most of its span and enough
 * events behind the figure: a team whose history started a week before the previous
 * 90 days would otherwise show "+5000%" against those few days.
 */

const DAY_MS = 86_400_000;

/** Below this share of its span covered by data, the previous period is not compared. */
export const MIN_PREVIOUS_COVERAGE = 0.5;
/** Below this many events behind a figure, its previous value is not compared. */
export const MIN_PREVIOUS_EVENTS = 2;

export interface PreviousPeriodData {
  /** The previous period [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /**
   * When the scope's data starts (its earliest deployment or incident, epoch
   * milliseconds); undefined when it has none at all.
   */
  dataFrom?: number;
  /** Events behind the figure in the previous period (deployments, changes, ...). */
  events: number;
  /** What those events are, singular, for the reason ("deployment", "change"). */
  eventsLabel: string;
}

export type Comparability =
  | { comparable: true }
  | { comparable: false; reason: string };

/** Share of [from, to) on or after dataFrom: 0 without data, 1 when data starts before. */
export function previousPeriodCoverage(
  period: Pick<PreviousPeriodData, 'from' | 'to' | 'dataFrom'>,
): number {
  const span = period.to - period.from;
  if (span <= 0 || period.dataFrom === undefined) return 0;
  const covered = period.to - Math.max(period.from, period.dataFrom);
  return Math.min(1, Math.max(0, covered / span));
}

const days = (ms: number) => {
  const value = ms / DAY_MS;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
};

/**
 * Decides whether a figure's change against the previous period may be shown, and
 * if not, says why in words for the page: no data before the period ends, data for
 * under half of its span, or fewer than `minEvents` events behind the figure.
 */
export function previousPeriodComparability(
  data: PreviousPeriodData,
  options: { minCoverage?: number; minEvents?: number } = {},
): Comparability {
  const minCoverage = options.minCoverage ?? MIN_PREVIOUS_COVERAGE;
  const minEvents = options.minEvents ?? MIN_PREVIOUS_EVENTS;
  const span = data.to - data.from;
  const coverage = previousPeriodCoverage(data);
  if (coverage === 0) {
    return {
      comparable: false,
      reason: `no data in the previous ${days(span)} days`,
    };
  }
  if (coverage < minCoverage) {
    return {
      comparable: false,
      reason: `data covers only ${days(coverage * span)} of the previous ${days(
        span,
      )} days`,
    };
  }
  if (data.events < minEvents) {
    return {
      comparable: false,
      reason: `only ${data.events} ${data.eventsLabel}${
        data.events === 1 ? '' : 's'
      } in the previous ${days(span)} days`,
    };
  }
  return { comparable: true };
}
