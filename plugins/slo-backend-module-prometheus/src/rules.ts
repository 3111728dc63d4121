/**
 * Prometheus recording and alerting rules for objectives, so Prometheus (and
 * Alertmanager) compute the same figures the portal shows and page on the same tiers.
 *
 * Per objective, one rule group (rules in a group run in order, so alerts read the
 * values recorded just before them):
 *
 * - `slo:sli_bad:rate5m`, `slo:sli_total:rate5m`: bad and all events per second over 5m,
 *   the short pre-aggregated series the long window is built from;
 * - `slo:sli_error:ratio_rate<W>` for every burn-rate window W (5m, 30m, 1h, 2h, 6h,
 *   1d, 3d with the default tiers): bad / total over W, from the raw series, as
 *   Sloth and Pyrra do;
 * - `slo:sli_error:ratio_rate<window>` for the SLO window (e.g. 30d):
 *   `sum_over_time(bad 5m rates) / sum_over_time(total 5m rates)`: event-weighted
 *   (both sums are scaled the same way), never an average of ratios and never one
 *   `rate()` over 30 days;
 * - `slo:error_budget:remaining` = 1 - ratio over the window / B, and
 *   `slo:objective:target`.
 *
 * Alerts: `SloErrorBudgetBurn` per tier that slo-common's `applicableBurnRateTiers`
 * keeps and that can fire (long AND short window error ratio >= threshold * B,
 * `severity` page or ticket): the same tiers and thresholds the portal evaluates, for
 * every window kind; `SloErrorBudgetExhausted` (remaining <= 0 for 10m) and
 * `SloMetricMissing` (`absent()` of the total series for 15m).
 *
 * Every recorded series carries `slo_id`, `slo_name`, `entity` (and `slo_objective`
 * when named), so rules of many objectives share one file. Calendar windows have no
 * PromQL equivalent: burn-rate thresholds use the nominal period length (1d, 7d, 30d,
 * 90d, 365d) exactly as the portal does, and the recorded remaining budget is the
 * rolling one over that length. Since the portal budgets a calendar period as a whole
 * (events so far extrapolated to the period), which no fixed PromQL range expresses,
 * calendar objectives get no `SloErrorBudgetExhausted` alert: the freeze is the portal's.
 */
import {
  applicableBurnRateTiers,
  burnRateWindowMs,
  errorBudget,
  SloObjective,
  SloWindow,
} from '@internal/backstage-plugin-slo-common';
import type { SloRuleGroup } from '@internal/backstage-plugin-slo-node';
import { quoteLabelValue } from './promql/selector';
import {
  indicatorTemplate,
  promDuration,
  promNumber,
} from './promql/templates';

type Rule = SloRuleGroup['rules'][number];

/**
 * Length of the window in rules: the one burn-rate thresholds scale with in the
 * portal (calendar periods: their nominal length).
 */
export function ruleWindowMs(window: SloWindow): number {
  return burnRateWindowMs(window);
}

const BASE_WINDOW_MS = 5 * 60_000;

function objectiveLabels(
  objective: SloObjective,
  entityRef: string,
): Record<string, string> {
  return {
    slo_id: objective.id,
    slo_name: objective.sloName,
    ...(objective.objectiveName
      ? { slo_objective: objective.objectiveName }
      : {}),
    entity: entityRef,
  };
}

function labelSelector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}=${quoteLabelValue(value)}`)
    .join(',')}}`;
}

function objectiveGroup(
  objective: SloObjective,
  entityRef: string,
): SloRuleGroup {
  const template = indicatorTemplate(objective.indicator);
  const labels = objectiveLabels(objective, entityRef);
  const selector = labelSelector(labels);
  const budget = errorBudget(objective.target);
  const { windowMs, tiers } = applicableBurnRateTiers({
    window: objective.window,
    target: objective.target,
    enabled: objective.burnRateTiers,
  });
  const window = promDuration(windowMs);
  const windows = [
    ...new Set([
      BASE_WINDOW_MS,
      ...tiers.flatMap(tier => [tier.longWindowMs, tier.shortWindowMs]),
    ]),
  ].sort((a, b) => a - b);
  const ratioName = (ms: number) =>
    `slo:sli_error:ratio_rate${promDuration(ms)}`;
  const name = objective.displayName ?? objective.id;

  const base = template.badAndTotalRates(promDuration(BASE_WINDOW_MS));
  const rules: Rule[] = [
    { record: 'slo:sli_bad:rate5m', expr: base.bad, labels },
    { record: 'slo:sli_total:rate5m', expr: base.total, labels },
    ...windows.map(ms => {
      const rates = template.badAndTotalRates(promDuration(ms));
      return {
        record: ratioName(ms),
        expr: `(${rates.bad}) / (${rates.total})`,
        labels,
      };
    }),
  ];
  if (!windows.includes(windowMs)) {
    rules.push({
      record: ratioName(windowMs),
      expr: `sum_over_time(slo:sli_bad:rate5m${selector}[${window}]) / sum_over_time(slo:sli_total:rate5m${selector}[${window}])`,
      labels,
    });
  }
  rules.push(
    {
      record: 'slo:error_budget:remaining',
      expr: `1 - ${ratioName(windowMs)}${selector} / ${promNumber(budget)}`,
      labels,
    },
    {
      record: 'slo:objective:target',
      expr: `vector(${promNumber(objective.target)})`,
      labels,
    },
  );

  for (const tier of tiers) {
    if (!tier.canFire) continue;
    const errorRatio = promNumber(tier.threshold * budget);
    rules.push({
      alert: 'SloErrorBudgetBurn',
      expr: `${ratioName(
        tier.longWindowMs,
      )}${selector} >= ${errorRatio} and ${ratioName(
        tier.shortWindowMs,
      )}${selector} >= ${errorRatio}`,
      labels: {
        ...labels,
        severity: tier.severity,
        tier: tier.name,
        long_window: promDuration(tier.longWindowMs),
        short_window: promDuration(tier.shortWindowMs),
      },
      annotations: {
        summary: `${name} (${entityRef}) burns its error budget ${promNumber(
          tier.threshold,
        )}x too fast`,
        description: `Over ${promDuration(
          tier.longWindowMs,
        )} and ${promDuration(
          tier.shortWindowMs,
        )} the error ratio is at least ${errorRatio} (burn rate ${promNumber(
          tier.threshold,
        )} x budget ${promNumber(budget)}): ${promNumber(
          tier.budgetShare * 100,
        )}% of the ${window} budget would be spent within ${promDuration(
          tier.longWindowMs,
        )}.`,
      },
    });
  }
  if (objective.window.kind === 'rolling') {
    rules.push({
      alert: 'SloErrorBudgetExhausted',
      expr: `slo:error_budget:remaining${selector} <= 0`,
      for: '10m',
      labels: { ...labels, severity: 'ticket' },
      annotations: {
        summary: `${name} (${entityRef}) has used up its error budget over ${window}`,
        description: `The error ratio over ${window} is above the budget ${promNumber(
          budget,
        )} (target ${promNumber(
          objective.target,
        )}); the error budget policy freezes deployments.`,
      },
    });
  }
  rules.push({
    alert: 'SloMetricMissing',
    expr: template.presenceSelectors
      .map(presence => `absent(${presence})`)
      .join(' or '),
    for: '15m',
    labels: { ...labels, severity: 'ticket' },
    annotations: {
      summary: `${name} (${entityRef}): its metric is missing`,
      description: `No series matches ${template.presenceSelectors.join(
        ', ',
      )}: the SLO cannot be evaluated (check the exporter, the scrape job and the selector).`,
    },
  });
  return { name: `slo:${entityRef}:${objective.id}`, rules };
}

/**
 * One rule group per objective. Objectives whose indicator is not a series selector
 * are skipped (their error is reported by countSeries); the rest still get rules.
 */
export function sloRuleGroups(
  objectives: SloObjective[],
  options: { entityRef: string },
): SloRuleGroup[] {
  const groups: SloRuleGroup[] = [];
  for (const objective of objectives) {
    try {
      groups.push(objectiveGroup(objective, options.entityRef));
    } catch {
      // Invalid selector: nothing sensible to record.
    }
  }
  return groups;
}
