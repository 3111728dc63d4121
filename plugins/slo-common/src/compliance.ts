/** Met / missed per calendar month and quarter, from the compliance history series. */
import { DateTime } from 'luxon';
import { CompliancePeriod } from './api';
import { clean, iso } from './format';
import { SloObjective } from './model';
import { CountSeriesData, zoneOf } from './plan';
import { pointsIn, tally, tallyErrorRatio } from './tally';

/**
 * Met / missed per calendar month and quarter (in the objective's zone; UTC for rolling
 * windows), from the history series. Periods that started before the history are left
 * out; the current period is marked `inProgress`.
 */
export function compliancePeriods(options: {
  objective: SloObjective;
  now: number;
  history: CountSeriesData;
}): CompliancePeriod[] {
  const { objective, now, history } = options;
  const zone = zoneOf(objective);
  const sliceTarget =
    objective.budgeting.method === 'timeslices'
      ? objective.budgeting.sliceTarget
      : undefined;
  const timeslices = sliceTarget !== undefined;
  const result: CompliancePeriod[] = [];
  for (const kind of ['month', 'quarter'] as const) {
    let start = DateTime.fromMillis(history.from).setZone(zone).startOf(kind);
    if (start.toMillis() < history.from) {
      start = start.plus({ [`${kind}s`]: 1 });
    }
    while (start.toMillis() < now) {
      const end = start.plus({ [`${kind}s`]: 1 });
      const from = start.toMillis();
      const to = end.toMillis();
      const t = tally(
        pointsIn(history.points, from, Math.min(to, now)),
        sliceTarget,
      );
      const ratio = tallyErrorRatio(t, timeslices);
      const value = ratio === undefined ? null : clean(1 - ratio);
      result.push({
        period:
          kind === 'month'
            ? start.toFormat('yyyy-LL')
            : `${start.year}-Q${start.quarter}`,
        kind,
        from: iso(from),
        to: iso(to),
        value,
        met: value === null ? null : value >= objective.target,
        inProgress: to > now,
      });
      start = end;
    }
  }
  return result;
}
