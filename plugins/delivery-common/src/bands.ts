import { z } from 'zod';
import type { BandPreset } from './dora/types';

/*
 * Band presets. DORA's published clusters are survey results, each year's table its
 * own: a preset turns one table into thresholds with the engine's comparisons
 * (deployment frequency `>=`, change failure rate `<=`, lead and recovery time `<`).
 * A survey range "between once per week and once per month" sets the boundary
 * between two clusters at its slower end. A month is 730 hours (365 days * 24 h / 12,
 * as the reports count it), six months 4,380 hours; "once per month" is 24/730
 * deployments a day. A figure reaches a band only by meeting that band's published
 * range: what falls in a gap between two ranges takes the worse of the two bands
 * (e.g. DORA 2021 lead time: elite under an hour, high from a day, so 5 h is high),
 * and everything past the `medium` threshold is `low`. When two clusters publish the
 * same range (DORA 2019 failure rates, DORA 2024 recovery times), a figure in it
 * takes the better one. DORA 2024's change failure clusters are not ordered (high
 * 20%, medium 10%): that preset bands them by the nearest cluster value (see
 * `BandThresholds.rule`). `default` is DESIGN.md's table, whose months are 30 days.
 */

/** Hours in a month as the DORA reports count them: 8,760 h a year / 12. */
const MONTH_HOURS = 730;
/** "Once per month", in deployments per day: 24 / 730. */
const PER_MONTH = 24 / MONTH_HOURS;

/** The thresholds of DESIGN.md; the portal's default. */
export const defaultBandPreset: BandPreset = {
  name: 'default',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  leadTimeHours: { elite: 24, high: 168, medium: 720 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2019 clusters. That survey put elite, high and
 * medium performers all at 0-15% change failure rate, hence equal thresholds.
 */
const dora2019BandPreset: BandPreset = {
  name: 'dora-2019',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: PER_MONTH },
  leadTimeHours: { elite: 24, high: 168, medium: MONTH_HOURS },
  changeFailureRate: { elite: 0.15, high: 0.15, medium: 0.15 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2021 (DORA / Google Cloud), chapter "How do we
 * compare?", software delivery performance table:
 * | | elite | high | medium | low |
 * |---|---|---|---|---|
 * | deployment frequency | on demand (multiple per day) | weekly to monthly | monthly to every 6 months | fewer than every 6 months |
 * | lead time | < 1 hour | 1 day to 1 week | 1 to 6 months | > 6 months |
 * | time to restore | < 1 hour | < 1 day | 1 day to 1 week | > 6 months |
 * | change failure rate | 0-15% | 16-30% | 16-30% | 16-30% |
 * High, medium and low shared 16-30% change failure rate: above 15% is at best
 * high, and above 30%, outside every cluster, is low.
 */
const dora2021BandPreset: BandPreset = {
  name: 'dora-2021',
  deploymentFrequencyPerDay: {
    elite: 1,
    high: PER_MONTH,
    medium: PER_MONTH / 6,
  },
  leadTimeHours: { elite: 1, high: 168, medium: 6 * MONTH_HOURS },
  changeFailureRate: { elite: 0.15, high: 0.3, medium: 0.3 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2022, chapter "How do you compare?": the survey found
 * three clusters and no elite one (high: on demand, 1 day to 1 week lead time,
 * < 1 day to restore, 0-15% failures; medium: weekly to monthly, 1 week to 1 month,
 * 1 day to 1 week, 16-30%; low: monthly to every 6 months, 1 to 6 months, 1 week to
 * 1 month, 46-60%). Modelled with `elite: null` on every metric: `bandFor` then
 * never answers elite, and the best a figure can reach is high. Failure rates
 * between 30% and 46% fell in no cluster: they are low.
 */
const dora2022BandPreset: BandPreset = {
  name: 'dora-2022',
  deploymentFrequencyPerDay: { elite: null, high: 1, medium: PER_MONTH },
  leadTimeHours: { elite: null, high: 168, medium: MONTH_HOURS },
  changeFailureRate: { elite: null, high: 0.15, medium: 0.3 },
  recoveryTimeHours: { elite: null, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2023, chapter "How do you compare?" (the year failed
 * deployment recovery time replaced time to restore):
 * | | elite | high | medium | low |
 * |---|---|---|---|---|
 * | deployment frequency | on demand | daily to weekly | weekly to monthly | weekly to monthly |
 * | lead time | < 1 day | 1 day to 1 week | 1 week to 1 month | 1 week to 1 month |
 * | change failure rate | 5% | 10% | 15% | 64% |
 * | failed deployment recovery time | < 1 hour | < 1 day | 1 day to 1 week | 1 to 6 months |
 * Low overlaps medium on throughput, so only stability separates them: past the
 * medium thresholds is low. The DESIGN.md default's numbers, with 730-hour months.
 */
const dora2023BandPreset: BandPreset = {
  name: 'dora-2023',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: PER_MONTH },
  leadTimeHours: { elite: 24, high: 168, medium: MONTH_HOURS },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryTimeHours: { elite: 1, high: 24, medium: 168 },
};

/**
 * Accelerate State of DevOps 2024 (DORA / Google Cloud), chapter "Software delivery
 * performance", table of performance levels (the values below are the report's; read
 * in the report text as quoted by octopus.com/blog/2024-devops-performance-clusters
 * and redmonk.com/rstephens/2024/11/26/dora2024):
 * | | elite | high | medium | low |
 * |---|---|---|---|---|
 * | change lead time | < 1 day | 1 day to 1 week | 1 week to 1 month | 1 to 6 months |
 * | deployment frequency | on demand | daily to weekly | weekly to monthly | monthly to every 6 months |
 * | change fail rate | 5% | 20% | 10% | 40% |
 * | failed deployment recovery time | < 1 hour | < 1 day | < 1 day | 1 week to 1 month |
 * The change fail rate clusters are not ordered (high fails more often than medium),
 * so that metric is banded by the nearest cluster value: up to 7.5% elite, up to 15%
 * medium, up to 30% high, above low (the midpoints; a midpoint itself goes to the
 * worse band). High and medium share "< 1 day" recovery: under a day is high.
 * The report gives no clusters for deployment rework rate, so it has no band.
 */
const dora2024BandPreset: BandPreset = {
  name: 'dora-2024',
  deploymentFrequencyPerDay: { elite: 1, high: 1 / 7, medium: PER_MONTH },
  leadTimeHours: { elite: 24, high: 168, medium: MONTH_HOURS },
  changeFailureRate: {
    rule: 'nearest',
    elite: 0.05,
    high: 0.2,
    medium: 0.1,
    low: 0.4,
  },
  recoveryTimeHours: { elite: 1, high: 24, medium: 24 },
};

/** Named presets, selectable from config by name. */
export const bandPresets: Record<string, BandPreset> = {
  default: defaultBandPreset,
  'dora-2019': dora2019BandPreset,
  'dora-2021': dora2021BandPreset,
  'dora-2022': dora2022BandPreset,
  'dora-2023': dora2023BandPreset,
  'dora-2024': dora2024BandPreset,
};

const threshold = z.number().finite().nonnegative();

/**
 * One metric's thresholds; `elite` may be null (or left out) for "no elite band".
 * `better` says which way is better, so the order of the thresholds is checked;
 * with `rule: nearest` the values are cluster values in any order, plus `low`.
 */
function thresholds(better: 'higher' | 'lower', max?: number) {
  const bounded = max === undefined ? threshold : threshold.max(max);
  return z
    .object({
      elite: bounded.nullish().transform(v => v ?? null),
      high: bounded,
      medium: bounded,
      rule: z.literal('nearest').optional(),
      low: bounded.optional(),
    })
    .strict()
    .superRefine((t, ctx) => {
      if (t.rule === 'nearest') {
        if (t.low === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['low'],
            message: 'required with rule: nearest (the low cluster value)',
          });
        }
        return;
      }
      if (t.low !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['low'],
          message:
            'only with rule: nearest; thresholds band everything past medium as low',
        });
      }
      const ordered = (a: number, b: number) =>
        better === 'higher' ? a >= b : a <= b;
      const word = better === 'higher' ? 'at least' : 'at most';
      if (!ordered(t.high, t.medium)) {
        ctx.addIssue({
          code: 'custom',
          path: ['high'],
          message: `must be ${word} medium (${t.medium}), or set rule: nearest for clusters that are not ordered`,
        });
      }
      if (t.elite !== null && !ordered(t.elite, t.high)) {
        ctx.addIssue({
          code: 'custom',
          path: ['elite'],
          message: `must be ${word} high (${t.high}), or set rule: nearest for clusters that are not ordered`,
        });
      }
    });
}

/** A custom preset as app-config gives it (`delivery.dora.bands` as an object). */
export const bandPresetSchema = z
  .object({
    name: z.string().trim().min(1).max(100).default('custom'),
    deploymentFrequencyPerDay: thresholds('higher'),
    leadTimeHours: thresholds('lower'),
    changeFailureRate: thresholds('lower', 1),
    recoveryTimeHours: thresholds('lower'),
  })
  .strict();

/**
 * The preset `delivery.dora.bands` selects: a preset's name, or an object of custom
 * thresholds (see `bandPresetSchema`); undefined selects `default`. Throws an Error
 * naming the offending field under `key`.
 */
export function resolveBandPreset(
  value: unknown,
  key = 'delivery.dora.bands',
): BandPreset {
  if (value === undefined || value === null) return defaultBandPreset;
  if (typeof value === 'string') {
    const preset = bandPresets[value];
    if (!preset) {
      throw new Error(
        `${key}: unknown preset '${value}'; use one of ${Object.keys(
          bandPresets,
        ).join(', ')}, or an object of custom thresholds`,
      );
    }
    return preset;
  }
  const parsed = bandPresetSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map(issue =>
          [key, ...issue.path.map(String)]
            .join('.')
            .concat(`: ${issue.message}`),
        )
        .join('; '),
    );
  }
  return parsed.data;
}
