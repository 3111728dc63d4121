import { DateTime } from 'luxon';
import { z } from 'zod';
import { AUTHORS, dayNumberOf, iso, random } from './demoRandom';
import { isStoryDay, storyScheduleSchema, storyStart } from './demoRollouts';

/**
 * How a demo component releases features behind flags; see examples/delivery-demo.yaml.
 * Every release is a new flag `<feature>-v<n>`: targeted to internal users and turned
 * on in staging, then rolled out in production to 10, 50 and 100% a day apart (a few
 * are turned off half way).
 */
export const flagProfileSchema = z.object({
  /** The flag tool reporting them, as its source module names itself. */
  source: z.string().min(1),
  /** A flag's page in the tool: `{key}` and `{environment}` are filled in. */
  url: z.url(),
  features: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  /** A release starts on the UTC days whose day number % everyDays is dayOffset. */
  releases: z.object({
    everyDays: z.number().int().min(1),
    dayOffset: z.number().int().min(0),
  }),
  /**
   * The story "released by flag, rolled back by flag": on these days `feature` is
   * rolled out in production through `steps` (each held `minutes`); `errorRatio` of
   * the requests it serves fail (the demo Prometheus adds them), an incident opens
   * during the last step and the flag is turned off during the incident.
   */
  story: storyScheduleSchema
    .extend({
      feature: z.string().regex(/^[a-z0-9-]+$/),
      steps: z
        .array(
          z.object({
            percentage: z.number().gt(0).max(100),
            minutes: z.number().positive(),
          }),
        )
        .min(1),
      errorRatio: z.number().gt(0).max(1),
      incidentTitle: z.string().min(1),
    })
    .optional(),
});

export type FlagProfile = z.infer<typeof flagProfileSchema>;

type DemoEvent = Record<string, any>;

/** Release numbers count from this day number (2022-01-08), so they stay short. */
const FIRST_RELEASE_DAY = 19_000;
/** Share of production rollouts turned off at 10% or at 50% (no incident: the metrics said no). */
const HALTED_SHARE = 0.12;
/** Minutes into the story's last step when its incident opens, and after the flag is off that it is resolved. */
export const STORY_INCIDENT_AFTER_MINUTES = 20;
export const STORY_RESOLVED_AFTER_OFF_MINUTES = 20;

/** The n-th release since FIRST_RELEASE_DAY on a schedule of `everyDays`. */
const releaseNumber = (day: DateTime, everyDays: number) =>
  Math.floor((dayNumberOf(day) - FIRST_RELEASE_DAY) / everyDays);

/** A working-hours instant of `day` (08:00 to 14:00 UTC). */
const workingHour = (day: DateTime, rand: () => number) =>
  day.plus({ hours: 8, minutes: Math.floor(rand() * 360) });

function flagEvent(
  flags: FlagProfile,
  entityRef: string,
  fields: {
    id: string;
    flagKey: string;
    environment: string;
    action: 'on' | 'off' | 'rollout' | 'targeting';
    percentage?: number;
    at: DateTime;
    author: string;
  },
): DemoEvent {
  const { at, percentage, ...rest } = fields;
  return {
    kind: 'flag',
    source: flags.source,
    entityRef,
    ...rest,
    ...(percentage === undefined ? {} : { percentage }),
    at: iso(at),
    url: flags.url
      .replace('{key}', encodeURIComponent(fields.flagKey))
      .replace('{environment}', encodeURIComponent(fields.environment)),
  };
}

/** The regular release starting on `day`, if one does. */
function release(
  flags: FlagProfile,
  entityRef: string,
  name: string,
  day: DateTime,
  rand: () => number,
): DemoEvent[] {
  const { everyDays, dayOffset } = flags.releases;
  if (dayNumberOf(day) % everyDays !== dayOffset) return [];
  const n = releaseNumber(day, everyDays);
  const feature = flags.features[n % flags.features.length];
  const flagKey = `${feature}-v${Math.floor(n / flags.features.length) + 1}`;
  const author = AUTHORS[Math.floor(rand() * AUTHORS.length)];
  const id = (step: string) => `${name}-${day.toISODate()}-flag-${step}`;
  const event = (
    step: string,
    environment: string,
    action: 'on' | 'off' | 'rollout' | 'targeting',
    at: DateTime,
    percentage?: number,
  ) =>
    flagEvent(flags, entityRef, {
      id: id(step),
      flagKey,
      environment,
      action,
      percentage,
      at,
      author,
    });
  const targetedAt = workingHour(day, rand);
  const events = [
    // Internal users first, then everyone in staging.
    event('staging-targeting', 'staging', 'targeting', targetedAt),
    event(
      'staging-on',
      'staging',
      'on',
      targetedAt.plus({ minutes: 30 + Math.floor(rand() * 150) }),
      100,
    ),
  ];
  for (const [index, percentage] of [10, 50, 100].entries()) {
    const at = workingHour(day.plus({ days: index + 1 }), rand);
    events.push(
      event(
        `production-${percentage}`,
        'production',
        'rollout',
        at,
        percentage,
      ),
    );
    if (percentage < 100 && rand() < HALTED_SHARE) {
      events.push(
        event(
          'production-off',
          'production',
          'off',
          at.plus({ minutes: 60 + Math.floor(rand() * 240) }),
          0,
        ),
      );
      break;
    }
  }
  return events;
}

/**
 * The story of a story day: the flag targeted and on in staging the day before, its
 * production steps, the incident, the flag off during it.
 */
function story(
  flags: FlagProfile,
  entityRef: string,
  name: string,
  incidentSource: string,
  day: DateTime,
): DemoEvent[] {
  const plot = flags.story;
  if (!plot || !isStoryDay(plot, day)) return [];
  const flagKey = `${plot.feature}-v${releaseNumber(day, plot.everyDays) + 1}`;
  const id = (step: string) => `${name}-${day.toISODate()}-flagstory-${step}`;
  const start = storyStart(plot, day);
  const event = (
    step: string,
    environment: string,
    action: 'on' | 'off' | 'rollout' | 'targeting',
    at: DateTime,
    author: string,
    percentage?: number,
  ) =>
    flagEvent(flags, entityRef, {
      id: id(step),
      flagKey,
      environment,
      action,
      percentage,
      at,
      author,
    });
  const events = [
    event(
      'staging-targeting',
      'staging',
      'targeting',
      start.minus({ days: 1, hours: 2 }),
      AUTHORS[2],
    ),
    event(
      'staging-on',
      'staging',
      'on',
      start.minus({ days: 1, hours: 1 }),
      AUTHORS[2],
      100,
    ),
  ];
  let at = start;
  let lastStepAt = start;
  for (const step of plot.steps) {
    events.push(
      event(
        `production-${step.percentage}`,
        'production',
        'rollout',
        at,
        AUTHORS[2],
        step.percentage,
      ),
    );
    lastStepAt = at;
    at = at.plus({ minutes: step.minutes });
  }
  // The on-call engineer turns the flag off while the incident is open.
  events.push(event('production-off', 'production', 'off', at, AUTHORS[3], 0));
  events.push({
    kind: 'incident',
    source: incidentSource,
    id: id('incident'),
    entityRef,
    title: plot.incidentTitle,
    severity: 'SEV2',
    openedAt: iso(lastStepAt.plus({ minutes: STORY_INCIDENT_AFTER_MINUTES })),
    resolvedAt: iso(at.plus({ minutes: STORY_RESOLVED_AFTER_OFF_MINUTES })),
  });
  return events;
}

/**
 * The flag changes (and the story's incident) of one profile's day, whole: the
 * regular release starting that day (its production steps fall on the next days) and
 * the story when it is a story day. A stream of its own per day, so the deployments
 * of the day are drawn as without flags.
 */
export function planFlagDay(options: {
  flags: FlagProfile;
  entityRef: string;
  incidentSource: string;
  seed: number;
  profileIndex: number;
  day: DateTime;
}): DemoEvent[] {
  const { flags, entityRef, incidentSource, seed, profileIndex, day } = options;
  const name = entityRef.split('/').pop()!;
  const rand = random(
    seed ^ 0x2c1b3c6d ^ (profileIndex * 7919) ^ dayNumberOf(day),
  );
  return [
    ...release(flags, entityRef, name, day, rand),
    ...story(flags, entityRef, name, incidentSource, day),
  ];
}
