import { parseDuration } from '../duration';
import { SloDefinitionError, SloImportResult, SloObjective } from '../model';
import { normaliseTarget } from '../target';
import { SLOTH_DEFAULT_WINDOW } from './sloth';

/** Sloth's recording of each SLO's 5-minute error ratio. */
export const SLOTH_ERROR_RATIO_5M = 'slo:sli_error:ratio_rate5m';

/**
 * One `sloth_slo_info` series as Prometheus returns it, with what Sloth's meta
 * recordings of the same `sloth_id` add: `slo:objective:ratio` (for Sloth releases
 * before v0.10 whose info has no `sloth_objective` label) and `slo:time_period:days`.
 */
export interface SlothInfoSeries {
  labels: Record<string, string>;
  /** Value of `slo:objective:ratio{sloth_id=...}`, e.g. 0.9990000000000001. */
  objectiveRatio?: number;
  /** Value of `slo:time_period:days{sloth_id=...}`, e.g. 30. */
  periodDays?: number;
}

const quote = (value: string) =>
  `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;

/**
 * Objectives of SLOs that Sloth already runs, read from its `sloth_slo_info` series.
 * Ids are `sloth_id` (`<service>-<slo>`, as `importSloth` names them); the target comes
 * from the `sloth_objective` label (a percentage, "99.9") or else `slo:objective:ratio`;
 * the window is `slo:time_period:days` (30 days when absent, Sloth's default).
 * The raw SLI queries are not in the metrics, so the indicator is Sloth's
 * `slo:sli_error:ratio_rate5m` recording: time-weighted, not event-weighted.
 */
export function importSlothInfo(series: SlothInfoSeries[]): SloImportResult {
  const objectives: SloObjective[] = [];
  const errors: SloDefinitionError[] = [];
  const seen = new Set<string>();
  series.forEach((info, index) => {
    const { labels } = info;
    const id = labels.sloth_id;
    const fail = (path: string, message: string) =>
      errors.push({
        document: index,
        kind: 'sloth_slo_info',
        ...(id ? { name: id } : {}),
        path,
        message,
      });
    if (!id || !labels.sloth_service || !labels.sloth_slo) {
      fail(
        'labels',
        'needs sloth_id, sloth_service and sloth_slo labels (as Sloth generates them)',
      );
      return;
    }
    // The same SLO seen from two Prometheus replicas or rule groups: read once.
    if (seen.has(id)) return;
    seen.add(id);
    let target: number;
    try {
      if (labels.sloth_objective !== undefined) {
        target = normaliseTarget(`${labels.sloth_objective.trim()}%`);
      } else if (info.objectiveRatio !== undefined) {
        // Sloth records e.g. vector(0.9990000000000001): drop the float noise.
        target = normaliseTarget(Number(info.objectiveRatio.toPrecision(12)));
      } else {
        fail(
          'labels.sloth_objective',
          'is missing and slo:objective:ratio has no sample for this sloth_id',
        );
        return;
      }
    } catch (error) {
      fail('labels.sloth_objective', (error as Error).message);
      return;
    }
    let window = parseDuration(SLOTH_DEFAULT_WINDOW);
    if (info.periodDays !== undefined) {
      if (!(Number.isInteger(info.periodDays) && info.periodDays > 0)) {
        fail(
          'slo:time_period:days',
          `must be a whole number of days, got ${info.periodDays}`,
        );
        return;
      }
      window = parseDuration(`${info.periodDays}d`);
    }
    const selector = `${SLOTH_ERROR_RATIO_5M}{sloth_id=${quote(
      id,
    )},sloth_service=${quote(labels.sloth_service)},sloth_slo=${quote(
      labels.sloth_slo,
    )}}`;
    objectives.push({
      id,
      sloName: id,
      objectiveName: labels.sloth_slo,
      service: labels.sloth_service,
      description: `Discovered from Sloth's sloth_slo_info (${
        labels.sloth_spec ?? 'unknown spec'
      }, Sloth ${
        labels.sloth_version ?? 'unknown version'
      }). Time-weighted: every sample of Sloth's ${SLOTH_ERROR_RATIO_5M} recording counts as one event, so the error ratio is the average of the recorded 5-minute ratios (as Sloth computes its period ratio), not bad requests / all requests.`,
      indicator: {
        kind: 'recordedRatio',
        errorRatio: { query: selector, sourceType: 'Prometheus' },
      },
      target,
      window: { kind: 'rolling', duration: window },
      budgeting: { method: 'occurrences' },
    });
  });
  return { objectives, errors };
}
