import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SloRuleGroup } from '@internal/backstage-plugin-slo-node';
import { ruleWindowMs, sloRuleGroups } from './rules';
import {
  evaluateObjective,
  SloWindow,
} from '@internal/backstage-plugin-slo-common';
import { badRatio, objective, ROLLING_28D } from './__testUtils__/objectives';
import {
  assertPrometheusInstalled,
  describeIfPrometheus,
  PROMTOOL_BIN,
} from './__testUtils__/prometheusServer';

const execFileAsync = promisify(execFile);
const ENTITY = 'component:default/checkout-service';

const OBJECTIVES = [
  objective('availability', badRatio('steady')),
  objective(
    'success',
    {
      kind: 'ratio',
      good: { query: 'slo_demo_successes_total{service="incident"}' },
      total: { query: 'slo_demo_requests_total{service="incident"}' },
    },
    { target: 0.9995, objectiveName: 'success rate', displayName: 'Success' },
  ),
  objective('latency', {
    kind: 'latency',
    metric: 'slo_demo_request_duration_seconds',
    selector: 'service="latency"',
    thresholdSeconds: 0.3,
  }),
  objective(
    'probe',
    { kind: 'boolean', query: { query: 'slo_demo_probe_success' } },
    {
      window: {
        kind: 'calendar',
        duration: { value: 1, unit: 'M' },
        timeZone: 'Europe/Paris',
      },
      burnRateTiers: ['ticket-fast'],
    },
  ),
  objective(
    'queue',
    {
      kind: 'threshold',
      query: { query: 'slo_demo_queue_latency_seconds{service="queue"}' },
      op: 'lte',
      value: 2,
    },
    // 90%: page-fast would need 13.44 x 0.1 = 134% errors, it can never fire.
    { target: 0.9 },
  ),
  // A Sloth SLO discovered from sloth_slo_info: its recorded 5m error ratio.
  objective('sloth', {
    kind: 'recordedRatio',
    errorRatio: {
      query:
        'slo:sli_error:ratio_rate5m{sloth_id="shop-availability",sloth_service="shop",sloth_slo="availability"}',
      sourceType: 'Prometheus',
    },
  }),
];

function rulesFile(groups: SloRuleGroup[]): string {
  // JSON is YAML: promtool reads it as a rules file.
  return JSON.stringify({ groups }, null, 2);
}

describe('sloRuleGroups', () => {
  const [group] = sloRuleGroups([OBJECTIVES[0]], { entityRef: ENTITY });
  const labels = {
    slo_id: 'availability',
    slo_name: 'availability',
    entity: ENTITY,
  };

  it('records 5m rates, the burn-rate windows, the 28d ratio and the budget', () => {
    expect(group.name).toBe(`slo:${ENTITY}:availability`);
    expect(group.rules.filter(r => r.record).map(r => r.record)).toEqual([
      'slo:sli_bad:rate5m',
      'slo:sli_total:rate5m',
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      // no 3d: ticket-slow is dropped on a 28d window (threshold 0.933 < 1)
      'slo:sli_error:ratio_rate4w',
      'slo:error_budget:remaining',
      'slo:objective:target',
    ]);
    const byName = Object.fromEntries(
      group.rules.filter(r => r.record).map(r => [r.record, r]),
    );
    expect(byName['slo:sli_error:ratio_rate1h'].expr).toBe(
      '((sum(rate(slo_demo_errors_total{service="steady"}[1h])) or vector(0))) / (sum(rate(slo_demo_requests_total{service="steady"}[1h])))',
    );
    // The 28-day window from the 5m series: event-weighted sums, not one 28d rate().
    expect(byName['slo:sli_error:ratio_rate4w'].expr).toBe(
      'sum_over_time(slo:sli_bad:rate5m{slo_id="availability",slo_name="availability",entity="component:default/checkout-service"}[4w]) / sum_over_time(slo:sli_total:rate5m{slo_id="availability",slo_name="availability",entity="component:default/checkout-service"}[4w])',
    );
    expect(byName['slo:error_budget:remaining'].expr).toBe(
      'slo:sli_error:ratio_rate4w{slo_id="availability",slo_name="availability",entity="component:default/checkout-service"} / 0.001'.replace(
        /^/,
        '1 - ',
      ),
    );
    expect(byName['slo:objective:target'].expr).toBe('vector(0.999)');
    expect(byName['slo:sli_bad:rate5m'].labels).toEqual(labels);
  });

  it('alerts on each tier with long AND short window above threshold x B, without float noise', () => {
    const alerts = group.rules.filter(r => r.alert === 'SloErrorBudgetBurn');
    // 28d window, B = 0.001: thresholds 13.44, 5.6, 2.8; x B. ticket-slow
    // (0.1 x 28d / 3d = 0.9333...) is below 1, so neither the portal nor the rules
    // evaluate it: it would page while budget is left over at the end of the window.
    expect(
      alerts.map(a => [a.labels!.tier, a.labels!.severity, a.expr]),
    ).toEqual([
      [
        'page-fast',
        'page',
        `slo:sli_error:ratio_rate1h{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.01344 and slo:sli_error:ratio_rate5m{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.01344`,
      ],
      [
        'page-slow',
        'page',
        `slo:sli_error:ratio_rate6h{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.0056 and slo:sli_error:ratio_rate30m{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.0056`,
      ],
      [
        'ticket-fast',
        'ticket',
        `slo:sli_error:ratio_rate1d{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.0028 and slo:sli_error:ratio_rate2h{slo_id="availability",slo_name="availability",entity="${ENTITY}"} >= 0.0028`,
      ],
    ]);
    const exhausted = group.rules.find(
      r => r.alert === 'SloErrorBudgetExhausted',
    )!;
    expect(exhausted.expr).toBe(
      `slo:error_budget:remaining{slo_id="availability",slo_name="availability",entity="${ENTITY}"} <= 0`,
    );
    const missing = group.rules.find(r => r.alert === 'SloMetricMissing')!;
    expect(missing.expr).toBe(
      'absent(slo_demo_requests_total{service="steady"})',
    );
  });

  it('drops tiers that can never fire and tiers switched off', () => {
    const groups = sloRuleGroups(OBJECTIVES, { entityRef: ENTITY });
    const tiersOf = (id: string) =>
      groups
        .find(g => g.name.endsWith(`:${id}`))!
        .rules.filter(r => r.alert === 'SloErrorBudgetBurn')
        .map(r => r.labels!.tier);
    // page-fast can never fire at 90%; ticket-slow is below 1 on 28d
    expect(tiersOf('queue')).toEqual(['page-slow', 'ticket-fast']);
    expect(tiersOf('probe')).toEqual(['ticket-fast']);
  });

  it('uses the nominal length of calendar windows', () => {
    expect(ruleWindowMs(OBJECTIVES[3].window)).toBe(30 * 24 * 3600_000);
  });

  it('alerts on the tiers and thresholds the portal evaluates, for every window kind', () => {
    const DAY = 86_400_000;
    const windows: SloWindow[] = [
      { kind: 'rolling', duration: { value: 30, unit: 'd' } },
      ROLLING_28D,
      { kind: 'rolling', duration: { value: 7, unit: 'd' } },
      { kind: 'rolling', duration: { value: 1, unit: 'd' } },
      { kind: 'calendar', duration: { value: 1, unit: 'M' }, timeZone: 'UTC' },
      { kind: 'calendar', duration: { value: 1, unit: 'w' }, timeZone: 'UTC' },
      { kind: 'calendar', duration: { value: 1, unit: 'd' }, timeZone: 'UTC' },
    ];
    // 2024-02-10: February 2024 has 29 days, yet the month's tiers use 30d in both.
    const now = Date.UTC(2024, 1, 10, 12);
    const alerted = windows.map(window => {
      const objectiveOf = objective('w', badRatio('x'), { window });
      const [generated] = sloRuleGroups([objectiveOf], { entityRef: ENTITY });
      const portal = evaluateObjective({
        objective: objectiveOf,
        entityRef: ENTITY,
        source: { id: 'p', type: 'prometheus' },
        now,
        window: {
          from: now - DAY,
          to: now,
          stepMs: DAY,
          points: [],
          expectedPoints: 1,
          queries: [],
        },
      });
      const rules = generated.rules
        .filter(r => r.alert === 'SloErrorBudgetBurn')
        // error ratio threshold / B = the burn-rate threshold
        .map(r => [
          r.labels!.tier,
          Number(
            (Number(r.expr.split(' >= ')[1].split(' ')[0]) / 0.001).toPrecision(
              12,
            ),
          ),
        ]);
      expect(rules).toEqual(portal.burnRates.map(r => [r.tier, r.threshold]));
      return rules;
    });
    expect(alerted).toEqual([
      // 30d: p * 720h / L
      [
        ['page-fast', 14.4],
        ['page-slow', 6],
        ['ticket-fast', 3],
        ['ticket-slow', 1],
      ],
      // 28d: ticket-slow 0.933 < 1 dropped
      [
        ['page-fast', 13.44],
        ['page-slow', 5.6],
        ['ticket-fast', 2.8],
      ],
      // 7d: 0.02 * 168 = 3.36, 0.05 * 28 = 1.4; ticket-fast 0.7 and ticket-slow 0.233 dropped
      [
        ['page-fast', 3.36],
        ['page-slow', 1.4],
      ],
      // 1d: page-fast 0.48, page-slow 0.2 below 1; 1d and 3d long windows not shorter
      [],
      // calendar month = nominal 30d, as in the portal
      [
        ['page-fast', 14.4],
        ['page-slow', 6],
        ['ticket-fast', 3],
        ['ticket-slow', 1],
      ],
      // calendar week = 7d
      [
        ['page-fast', 3.36],
        ['page-slow', 1.4],
      ],
      // calendar day = 1d
      [],
    ]);
  });

  it('leaves the freeze of calendar windows to the portal', () => {
    const [monthly] = sloRuleGroups(
      [
        objective('monthly', badRatio('x'), {
          window: {
            kind: 'calendar',
            duration: { value: 1, unit: 'M' },
            timeZone: 'UTC',
          },
        }),
      ],
      { entityRef: ENTITY },
    );
    // the portal budgets the whole period; no fixed PromQL range can
    expect(monthly.rules.map(r => r.alert).filter(Boolean)).toEqual([
      'SloErrorBudgetBurn',
      'SloErrorBudgetBurn',
      'SloErrorBudgetBurn',
      'SloErrorBudgetBurn',
      'SloMetricMissing',
    ]);
  });

  it('skips objectives whose query is not a selector', () => {
    expect(
      sloRuleGroups(
        [
          objective('broken', {
            kind: 'ratio',
            bad: { query: 'sum(rate(x[5m]))' },
            total: { query: 'x' },
          }),
        ],
        { entityRef: ENTITY },
      ),
    ).toEqual([]);
  });
});

describeIfPrometheus('generated rules in promtool')(
  'generated rules in promtool',
  () => {
    let dir: string;
    beforeAll(async () => {
      assertPrometheusInstalled();
      dir = await mkdtemp(join(tmpdir(), 'slo-rules-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('pass promtool check rules for every indicator kind', async () => {
      const file = join(dir, 'check.rules.yml');
      await writeFile(
        file,
        rulesFile(sloRuleGroups(OBJECTIVES, { entityRef: ENTITY })),
      );
      const { stdout } = await execFileAsync(PROMTOOL_BIN, [
        'check',
        'rules',
        file,
      ]);
      // 5 groups: 12 records (11 for the 1-tier probe objective, whose windows are
      // 5m, 2h and 1d) + alerts.
      expect(stdout).toContain('SUCCESS');
    });

    it('fire the tiers whose long and short windows both burn (promtool test rules)', async () => {
      const availability = objective('availability', badRatio('x'));
      const ghost = objective('ghost', badRatio('ghost'));
      const groups = sloRuleGroups([availability, ghost], {
        entityRef: ENTITY,
      });
      await writeFile(join(dir, 'slo.rules.yml'), rulesFile(groups));
      const burn = groups[0].rules.filter(
        r => r.alert === 'SloErrorBudgetBurn',
      );
      const expected = (tiers: string[]) =>
        burn
          .filter(rule => tiers.includes(rule.labels!.tier))
          .map(rule => ({
            exp_labels: rule.labels,
            exp_annotations: rule.annotations,
          }));
      const exhausted = groups[0].rules.find(
        r => r.alert === 'SloErrorBudgetExhausted',
      )!;
      const missing = groups[1].rules.find(
        r => r.alert === 'SloMetricMissing',
      )!;
      const test = {
        rule_files: ['slo.rules.yml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              // 1000 requests a minute; 500 of them fail during the first hour, none after.
              {
                series: 'slo_demo_requests_total{service="x"}',
                values: '0+1000x80',
              },
              {
                series: 'slo_demo_errors_total{service="x"}',
                values: '0+500x60 30000+0x20',
              },
            ],
            alert_rule_test: [
              {
                // At 60m every window holds only the 50% error ratio: the 3 tiers of a
                // 28d window fire (0.5 >= 0.01344, 0.0056, 0.0028).
                eval_time: '60m',
                alertname: 'SloErrorBudgetBurn',
                exp_alerts: expected(['page-fast', 'page-slow', 'ticket-fast']),
              },
              {
                // At 70m the 5m window is clean (0 < 0.01344): page-fast stops although
                // its 1h window still holds 50 minutes of errors (ratio 0.42). The 30m,
                // 2h short windows still see errors: the other two fire.
                eval_time: '70m',
                alertname: 'SloErrorBudgetBurn',
                exp_alerts: expected(['page-slow', 'ticket-fast']),
              },
              {
                // 30,000 of 70,000 events failed: remaining = 1 - 0.43 / 0.001 < 0,
                // held for more than 10 minutes.
                eval_time: '70m',
                alertname: 'SloErrorBudgetExhausted',
                exp_alerts: [
                  {
                    exp_labels: exhausted.labels,
                    exp_annotations: exhausted.annotations,
                  },
                ],
              },
              {
                // No series for service="ghost" for 15 minutes; absent() keeps the
                // selector's equality matchers as labels.
                eval_time: '20m',
                alertname: 'SloMetricMissing',
                exp_alerts: [
                  {
                    exp_labels: { service: 'ghost', ...missing.labels },
                    exp_annotations: missing.annotations,
                  },
                ],
              },
            ],
          },
        ],
      };
      const testFile = join(dir, 'slo.test.yml');
      await writeFile(testFile, JSON.stringify(test, null, 2));
      const result = await execFileAsync(PROMTOOL_BIN, [
        'test',
        'rules',
        testFile,
      ]).catch(e => e);
      expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    });
  },
);
