/**
 * Data quality of an objective's figures. The figures are only meaningful for `ok`
 * and (with a caveat) `partial`; the others must be shown as such, never as 0 or 100%.
 */
export type DataQualityStatus =
  | 'ok'
  | 'no_traffic'
  | 'no_data'
  | 'partial'
  | 'error';

export interface DataQuality {
  status: DataQualityStatus;
  /** Too few events for the error budget to be meaningful: do not page on it. */
  lowTraffic: boolean;
  /** Share of expected points (intervals) that had data, 0..1. */
  coverage: number;
  reason: string;
}

export interface DataQualityInput {
  /** Intervals (e.g. 1h steps) the window should contain so far. */
  expectedPoints: number;
  /** Intervals that returned a sample. */
  presentPoints: number;
  /** Events summed over the present intervals. */
  totalEvents: number;
  /** Error budget B = 1 - target. */
  budget: number;
  /** Set when the query failed. */
  queryError?: string;
  /**
   * Problems of the definition the source found (e.g. a good selector or histogram
   * bucket that matches nothing): data quality `error` with these as the reason.
   */
  definitionErrors?: string[];
  /**
   * Low traffic when the window allows fewer bad events than this
   * (B * total < minAllowedBadEvents). Default 10: one error must not burn 10%+.
   */
  minAllowedBadEvents?: number;
}

/** Default minimum of allowed bad events (B * total) before any verdict. */
export const DEFAULT_MIN_ALLOWED_BAD_EVENTS = 10;

/**
 * Too few events for a verdict: the window allows fewer than `minAllowedBadEvents`
 * bad events (B * total), so one error would burn a tenth of the budget or more.
 */
export function isLowTraffic(
  budget: number,
  totalEvents: number,
  minAllowedBadEvents = DEFAULT_MIN_ALLOWED_BAD_EVENTS,
): boolean {
  return totalEvents > 0 && budget * totalEvents < minAllowedBadEvents;
}

export function assessDataQuality(input: DataQualityInput): DataQuality {
  const coverage =
    input.expectedPoints > 0
      ? Math.min(1, input.presentPoints / input.expectedPoints)
      : 0;
  const minAllowedBad =
    input.minAllowedBadEvents ?? DEFAULT_MIN_ALLOWED_BAD_EVENTS;
  const lowTraffic = isLowTraffic(
    input.budget,
    input.totalEvents,
    minAllowedBad,
  );
  const quality = (
    status: DataQuality['status'],
    reason: string,
    low = false,
  ): DataQuality => ({ status, lowTraffic: low, coverage, reason });
  if (input.definitionErrors?.length) {
    return quality('error', input.definitionErrors.join('; '));
  }
  if (input.queryError) {
    return quality('error', `query failed: ${input.queryError}`);
  }
  if (input.presentPoints === 0) {
    return quality('no_data', 'the metric returned no samples in the window');
  }
  if (input.totalEvents === 0) {
    return quality(
      'no_traffic',
      'the metric exists but counted no events in the window',
    );
  }
  if (input.presentPoints < input.expectedPoints) {
    return quality(
      'partial',
      `${input.presentPoints} of ${input.expectedPoints} intervals have data`,
      lowTraffic,
    );
  }
  return quality(
    'ok',
    lowTraffic
      ? `only ${input.totalEvents} events: the budget allows fewer than ${minAllowedBad} bad ones`
      : 'all intervals have data',
    lowTraffic,
  );
}
