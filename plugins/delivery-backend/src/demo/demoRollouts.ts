import type { DeploymentPhase } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { dayNumberOf, iso } from './demoRandom';

/**
 * Days a demo story recurs on: the UTC days whose day number (days since 1970-01-01)
 * modulo `everyDays` is `dayOffset`, at `at` (UTC). A recurring story is in every
 * window of `everyDays` days, and the demo Prometheus (scripts/demo-prometheus.mjs)
 * finds the same days with the same arithmetic.
 */
export const storyScheduleSchema = z.object({
  everyDays: z.number().int().min(1),
  dayOffset: z.number().int().min(0),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
    error: 'must be HH:mm (UTC)',
  }),
});

export type StorySchedule = z.infer<typeof storyScheduleSchema>;

export function isStoryDay(schedule: StorySchedule, day: DateTime): boolean {
  return dayNumberOf(day) % schedule.everyDays === schedule.dayOffset;
}

/** When the story starts on its day (a UTC day start). */
export function storyStart(schedule: StorySchedule, day: DateTime): DateTime {
  const [hour, minute] = schedule.at.split(':').map(Number);
  return day.plus({ hours: hour, minutes: minute });
}

/**
 * An Argo Rollouts canary as the golden paths generate it (templates/skeletons/shared/
 * deploy/workload.yaml): `setWeight` steps, each followed by a pause and an analysis
 * run of the service's SLO template, then the promotion to 100%.
 */
const canarySchema = z.object({
  strategy: z.literal('canary'),
  /** Traffic weights of the steps before promotion, e.g. [5, 25, 50]. */
  steps: z.array(z.number().gt(0).lt(100)).min(1),
  pauseMinutes: z.number().positive(),
  analysisMinutes: z.number().positive(),
  analysisTemplate: z.string().min(1),
  /**
   * The story: on these days a canary started at `at` passes its analysis below
   * `atWeight`, fails it at `atWeight` and aborts. While the canary serves
   * `atWeight`, `canaryErrorRatio` of its requests fail (the demo Prometheus adds them).
   */
  aborted: storyScheduleSchema
    .extend({
      atWeight: z.number().gt(0).lt(100),
      canaryErrorRatio: z.number().gt(0).max(1),
    })
    .optional(),
});

/** A blue-green Rollout: pre-promotion analysis while auto-promotion waits, then the switch. */
const blueGreenSchema = z.object({
  strategy: z.literal('blue-green'),
  analysisMinutes: z.number().positive(),
  autoPromotionMinutes: z.number().positive(),
  analysisTemplate: z.string().min(1),
  activeService: z.string().min(1),
});

export const rolloutProfileSchema = z
  .discriminatedUnion('strategy', [canarySchema, blueGreenSchema])
  .refine(
    r =>
      r.strategy !== 'canary' ||
      !r.aborted ||
      r.steps.includes(r.aborted.atWeight),
    { error: 'aborted.atWeight must be one of the steps', path: ['aborted'] },
  );

export type RolloutProfile = z.infer<typeof rolloutProfileSchema>;
export type Canary = z.infer<typeof canarySchema>;
export type BlueGreen = z.infer<typeof blueGreenSchema>;

/** Minutes a step takes to scale the canary's pods to its weight. */
const SCALE_MINUTES = 1;
/** Minutes the active service's selector takes to switch (blue-green). */
const SWITCH_MINUTES = 1;

type Phase = DeploymentPhase;

function phase(
  name: string,
  kind: Phase['kind'],
  from: DateTime,
  minutes: number,
  status: Phase['status'],
  weight?: number,
): { phase: Phase; end: DateTime } {
  const end = from.plus({ minutes });
  return {
    phase: {
      name,
      kind,
      ...(weight === undefined ? {} : { weight }),
      startedAt: iso(from),
      finishedAt: iso(end),
      status,
    },
    end,
  };
}

/** Minutes one canary step takes: scaling, pause, analysis. */
export function canaryStepMinutes(canary: Canary): number {
  return SCALE_MINUTES + canary.pauseMinutes + canary.analysisMinutes;
}

/**
 * The phases of a canary from `startedAt`: per step a `canary-step` setting the weight,
 * a pause and an analysis (pause and analysis carry the weight in force), then the
 * promotion to 100%. With `abortAtWeight`, the analysis at that weight fails and an
 * abort sets the weight back to 0 (all traffic on the stable version).
 */
export function canaryPhases(
  canary: Canary,
  startedAt: DateTime,
  abortAtWeight?: number,
): { phases: Phase[]; finishedAt: DateTime } {
  const phases: Phase[] = [];
  let at = startedAt;
  const add = (next: { phase: Phase; end: DateTime }) => {
    phases.push(next.phase);
    at = next.end;
  };
  for (const weight of canary.steps) {
    const failing = weight === abortAtWeight;
    add(
      phase(
        `setWeight: ${weight}`,
        'canary-step',
        at,
        SCALE_MINUTES,
        'succeeded',
        weight,
      ),
    );
    add(
      phase(
        `pause: ${canary.pauseMinutes}m`,
        'pause',
        at,
        canary.pauseMinutes,
        'succeeded',
        weight,
      ),
    );
    add(
      phase(
        `analysis: ${canary.analysisTemplate}`,
        'analysis',
        at,
        canary.analysisMinutes,
        failing ? 'failed' : 'succeeded',
        weight,
      ),
    );
    if (failing) {
      add(
        phase(
          `abort: ${canary.analysisTemplate} failed at ${weight}%`,
          'abort',
          at,
          SCALE_MINUTES,
          'succeeded',
          0,
        ),
      );
      return { phases, finishedAt: at };
    }
  }
  add(phase('promote: full', 'promote', at, SCALE_MINUTES, 'succeeded', 100));
  return { phases, finishedAt: at };
}

/**
 * The phases of a blue-green rollout from `startedAt`: the pre-promotion analysis of the
 * preview and the auto-promotion wait side by side (the preview takes no traffic:
 * weight 0), then the switch of the active service (weight 100). The old version stays
 * scaled up behind it for a rollback.
 */
export function blueGreenPhases(
  blueGreen: BlueGreen,
  startedAt: DateTime,
): { phases: Phase[]; finishedAt: DateTime } {
  const analysis = phase(
    `prePromotionAnalysis: ${blueGreen.analysisTemplate}`,
    'analysis',
    startedAt,
    blueGreen.analysisMinutes,
    'succeeded',
    0,
  );
  const wait = phase(
    `autoPromotionSeconds: ${blueGreen.autoPromotionMinutes * 60}`,
    'pause',
    startedAt,
    blueGreen.autoPromotionMinutes,
    'succeeded',
    0,
  );
  const switchAt = DateTime.max(analysis.end, wait.end);
  const switched = phase(
    `switch: ${blueGreen.activeService} -> new version`,
    'switch',
    switchAt,
    SWITCH_MINUTES,
    'succeeded',
    100,
  );
  return {
    phases: [analysis.phase, wait.phase, switched.phase],
    finishedAt: switched.end,
  };
}

/** Minutes a rollout that goes through (promoted, switched) takes. */
export function rolloutMinutes(rollout: RolloutProfile): number {
  return rollout.strategy === 'canary'
    ? rollout.steps.length * canaryStepMinutes(rollout) + SCALE_MINUTES
    : Math.max(rollout.analysisMinutes, rollout.autoPromotionMinutes) +
        SWITCH_MINUTES;
}

/**
 * The phases of a rollout that went through and finished at `finishedAt` (the
 * deployment's), and so the deployment's start.
 */
export function phasesEndingAt(
  rollout: RolloutProfile,
  finishedAt: DateTime,
): { startedAt: DateTime; phases: Phase[] } {
  const startedAt = finishedAt.minus({ minutes: rolloutMinutes(rollout) });
  const { phases } =
    rollout.strategy === 'canary'
      ? canaryPhases(rollout, startedAt)
      : blueGreenPhases(rollout, startedAt);
  return { startedAt, phases };
}

/**
 * The aborted canary of a story day: when it starts and ends, its phases, and the
 * stretch during which its weight was `atWeight` (the canary's errors burn the
 * budget then). Undefined on other days or without the story.
 */
export function abortedCanaryOn(
  rollout: RolloutProfile,
  day: DateTime,
):
  | {
      startedAt: DateTime;
      finishedAt: DateTime;
      phases: Phase[];
      failingFrom: DateTime;
      failingTo: DateTime;
    }
  | undefined {
  if (rollout.strategy !== 'canary' || !rollout.aborted) return undefined;
  const story = rollout.aborted;
  if (!isStoryDay(story, day)) return undefined;
  const startedAt = storyStart(story, day);
  const { phases, finishedAt } = canaryPhases(
    rollout,
    startedAt,
    story.atWeight,
  );
  const failingFrom = startedAt.plus({
    minutes: rollout.steps.indexOf(story.atWeight) * canaryStepMinutes(rollout),
  });
  return {
    startedAt,
    finishedAt,
    phases,
    failingFrom,
    failingTo: failingFrom.plus({ minutes: canaryStepMinutes(rollout) }),
  };
}
