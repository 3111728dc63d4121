/**
 * Verdicts of the SLO backend on counts from a real Prometheus (the series of
 * __testUtils__/jitteredScenarios.ts, minute-aligned ones here), for the three cases
 * where a healthy service used to read as burning or frozen. Figures worked out by
 * hand in the comments; the evaluator is slo-common's.
 */
import { ratioSloYaml } from '@internal/backstage-plugin-slo-common/testUtils';
import {
  describeIfPrometheus,
  startTestPrometheus,
} from './__testUtils__/prometheusServer';
import { JITTERED_FAMILIES } from './__testUtils__/jitteredScenarios';
import { sloComponent, useSloApi } from './__testUtils__/sloApi';

jest.setTimeout(60_000);

const slo = (options: {
  service: string;
  window: string;
  objective: string;
  budgeting?: string;
}) =>
  ratioSloYaml({
    name: `${options.service}-availability`,
    service: options.service,
    indicatorName: `${options.service}-errors`,
    countQuery: `slo_jitter_errors_total{service="${options.service}"}`,
    totalQuery: `slo_jitter_requests_total{service="${options.service}"}`,
    window: options.window,
    budgeting: options.budgeting,
    objectives: options.objective,
  });

const ENTITIES = [
  sloComponent(
    'day',
    slo({
      service: 'aligned',
      window: '    - duration: 1d\n      isRolling: true',
      objective: '    - targetPercent: 99.9',
    }),
  ),
  sloComponent(
    'monthstart',
    slo({
      service: 'monthstart',
      window: [
        '    - duration: 1M',
        '      isRolling: false',
        '      calendar:',
        '        startTime: "2024-01-01 00:00:00"',
        '        timeZone: UTC',
      ].join('\n'),
      objective: '    - targetPercent: 99.9',
    }),
  ),
  sloComponent(
    'sliced',
    slo({
      service: 'sliced',
      window: '    - duration: 1d\n      isRolling: true',
      budgeting: 'Timeslices',
      objective: [
        '    - targetPercent: 99',
        '      timeSliceTarget: 0.93',
        '      timeSliceWindow: 1h',
      ].join('\n'),
    }),
  ),
];

describeIfPrometheus('SLO verdicts on a real Prometheus')(
  'SLO verdicts on a real Prometheus',
  () => {
    const { report } = useSloApi({
      startPrometheus: () => startTestPrometheus(JITTERED_FAMILIES),
      entities: ENTITIES,
      stopPrometheus: true,
    });

    it('a 1-day 99.9% objective burning at 0.5x keeps half its budget and pages nobody', async () => {
      const r = await report('day', '2024-12-01T00:00:00Z');
      // (30 Nov 00:00, 1 Dec 00:00]: 1,440 minutes x 1,000 = 1,440,000 requests, an
      // error every 2 minutes = 720: ratio 0.0005, burn 0.5, remaining 1 - 0.5 = 0.5.
      expect(r.dataQuality.status).toBe('ok');
      expect(r.counts).toEqual({
        good: 1_439_280,
        bad: 720,
        total: 1_440_000,
      });
      expect(r.budget.remaining).toBe(0.5);
      // On a 1-day window the tiers' thresholds scale to 14.4/30 = 0.48, 6/30 = 0.2,
      // 3/30 = 0.1 and 1/30 = 0.033, all below 1 (and the 1d/3d long windows are not
      // shorter than the SLO window): every tier is dropped, none fires.
      expect(r.burnRates.filter(t => t.state === 'firing')).toEqual([]);
      expect(r.state).toBe('ok');
      expect(r.frozen).toBe(false);
    });

    it('two hours at 0.2% errors on the 1st of a month spend 2/744 of the budget at 2x, not all of it', async () => {
      const r = await report('monthstart', '2024-12-01T02:00:00Z');
      // December 2024 in UTC: 744 hours. So far (00:00, 02:00]: 120,000 requests, 240
      // errors: ratio 0.002 = 2 x B. consumed = 2 x 2h / 744h = 0.00537634408602,
      // remaining 0.994623655914.
      expect(r.window.from).toBe('2024-12-01T00:00:00.000Z');
      expect(r.counts).toEqual({ good: 119_760, bad: 240, total: 120_000 });
      expect(r.budget.remaining).toBe(0.994623655914);
      expect(r.state).not.toBe('exhausted');
      expect(r.frozen).toBe(false);
    });

    it('a timeslice whose good ratio is exactly its target (7 bad of 100) is a good slice', async () => {
      const r = await report('sliced', '2024-12-01T00:00:00Z');
      // 24 hourly slices of 6,000 requests and 420 errors: good ratio 5,580 / 6,000 =
      // 0.93 = the slice target (1 - 0.07 is 0.9299999999999999 in floating point,
      // which must not make it bad). All 24 good: SLI 1, budget untouched.
      expect(r.slices).toMatchObject({ good: 24, bad: 0 });
      expect(r.budget.remaining).toBe(1);
      expect(r.frozen).toBe(false);
    });
  },
);
