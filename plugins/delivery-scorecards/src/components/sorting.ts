import type {
  DoraFigures,
  ScorecardMetric,
} from '@internal/backstage-plugin-delivery-common';
import { metricByKey } from './metrics';

export type SortKey = 'title' | ScorecardMetric;
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/**
 * Rows sorted by title or by a figure; rows without the figure ("not enough data")
 * always come last, whichever the direction, so they never pose as the best or worst.
 */
export function sortRows<T extends { title: string; figures: DoraFigures }>(
  rows: T[],
  sort: Sort,
): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  if (sort.key === 'title') {
    return [...rows].sort((a, b) => sign * a.title.localeCompare(b.title));
  }
  const metric = metricByKey(sort.key);
  return [...rows].sort((a, b) => {
    const va = metric.value(a.figures);
    const vb = metric.value(b.figures);
    if (va === null && vb === null) return a.title.localeCompare(b.title);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || a.title.localeCompare(b.title);
  });
}
