import type { DeploymentPhase } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { changePaceSchema, planChanges, Release } from './demoChanges';
import { flagProfileSchema, planFlagDay } from './demoFlags';
import { AUTHORS, dayNumberOf, iso, poisson, random } from './demoRandom';
import {
  abortedCanaryOn,
  phasesEndingAt,
  rolloutMinutes,
  rolloutProfileSchema,
} from './demoRollouts';

/** How one demo component ships; see examples/delivery-demo.yaml. */
const profileSchema = z.object({
  entityRef: z.string(),
  deploysPerDay: z.number().positive(),
  leadTimeHours: z.number().positive(),
  failureRate: z.number().min(0).max(1),
  recoveryHours: z.number().positive(),
  rollbackShare: z.number().min(0).max(1),
  /** Its pull or merge requests; without it, none are generated. */
  changes: changePaceSchema.optional(),
  /** The source reporting its events (github, gitlab, jenkins, ...); default `demo`. */
  source: z.string().min(1).default('demo'),
  /** Production deployments as Argo Rollouts canaries or blue-green switches (phases). */
  rollout: rolloutProfileSchema.optional(),
  /** Feature flags released in staging and production. */
  flags: flagProfileSchema.optional(),
});

export const demoProfilesSchema = z.object({
  seed: z.number().int(),
  days: z.number().int().min(1).max(400),
  components: z.array(profileSchema),
});

export type DemoProfiles = z.infer<typeof demoProfilesSchema>;
export type DemoProfile = DemoProfiles['components'][number];

type DemoEvent = Record<string, any>;

/** A commit of a deployment is committed at most this many lead times before it. */
const LONGEST_LEAD_TIME = 1.7;

/**
 * How the demo reports an aborted canary: what Argo Rollouts says of it (the Rollout
 * is Degraded, "RolloutAborted"). The DORA rules count it as a failed production
 * deployment with its rollback (see the delivery backend's README).
 */
const ABORTED_CANARY_STATUS = 'failure';

/** When a rollout ran. */
interface Span {
  startedAt: DateTime;
  finishedAt: DateTime;
}

/** Days before the history's start whose flag releases still reach into it. */
const FLAG_LOOKBACK_DAYS = 4;

/**
 * The events of one profile's day, whole (nothing cut at `now`): production
 * deployments with commits, occasional staging deploys and failed runs, and for
 * failing deployments an incident plus a rollback or a remediation. The day's own
 * seeded sequence draws them, so one day or profile does not reshuffle the others.
 * With a `rollout`, production deployments (and remediations, not rollbacks) carry
 * their canary or blue-green phases, ending when the deployment finished; on the
 * story's days an aborted canary joins them.
 */
function planDay(
  profiles: DemoProfiles,
  profile: DemoProfile,
  profileIndex: number,
  day: DateTime,
): { events: DemoEvent[]; releases: Release[] } {
  const events: DemoEvent[] = [];
  const releases: Release[] = [];
  const name = profile.entityRef.split('/').pop()!;
  const rand = random(profiles.seed ^ (profileIndex * 7919) ^ dayNumberOf(day));
  const count = poisson(profile.deploysPerDay, rand);
  const rollout = profile.rollout;
  const aborted = rollout && abortedCanaryOn(rollout, day);
  // One rollout at a time: the day's rollouts so far, a later one waits for them.
  const busy: Span[] = aborted ? [aborted] : [];
  for (let n = 0; n < count; n++) {
    const id = `${name}-${day.toISODate()}-${n}`;
    let finishedAt = day.plus({ minutes: Math.floor(rand() * 1440) });
    const startedAt = finishedAt.minus({
      minutes: 3 + Math.floor(rand() * 15),
    });
    if (rollout) {
      finishedAt = afterRollouts(busy, finishedAt, rolloutMinutes(rollout));
      busy.push({
        startedAt: finishedAt.minus({ minutes: rolloutMinutes(rollout) }),
        finishedAt,
      });
    }
    const commits = Array.from(
      { length: 1 + Math.floor(rand() * 4) },
      (_, c) => ({
        sha: `${id}-c${c}`.replace(/[^a-z0-9]/gi, '').slice(-40),
        committedAt: iso(
          finishedAt.minus({
            hours: profile.leadTimeHours * (0.3 + rand() * 1.4),
          }),
        ),
        author: AUTHORS[c % 4],
        message: `Change ${c + 1} shipped in ${id}`,
      }),
    );
    const base = {
      kind: 'deployment',
      source: profile.source,
      entityRef: profile.entityRef,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      url: `https://ci.acme.example/${name}/runs/${id}`,
    };
    const production = {
      ...base,
      id,
      environment: 'production',
      status: 'success',
      version: `v${day.toFormat('yyyy.MM.dd')}.${n}`,
      commits,
      ...progressively(rollout, finishedAt),
    };
    events.push(production);
    releases.push({ deployment: production, finishedAt });
    if (rand() < 0.3) {
      events.push({
        ...base,
        id: `${id}-staging`,
        environment: 'staging',
        status: rand() < 0.1 ? 'failure' : 'success',
        startedAt: iso(startedAt.minus({ hours: 1 })),
        finishedAt: iso(finishedAt.minus({ hours: 1 })),
        commits,
      });
    }
    if (rand() < profile.failureRate) {
      const openedAt = finishedAt.plus({
        minutes: 5 + Math.floor(rand() * 55),
      });
      const recovered = openedAt.plus({
        hours: profile.recoveryHours * (0.5 + rand()),
      });
      const incidentId = `${id}-incident`;
      events.push({
        kind: 'incident',
        source: profile.source,
        id: incidentId,
        entityRef: profile.entityRef,
        title: `Error rate up after ${id}`,
        severity: rand() < 0.3 ? 'SEV1' : 'SEV2',
        openedAt: iso(openedAt),
        resolvedAt: iso(recovered),
        deploymentId: id,
      });
      // A rollback re-deploys what ran before; a remediation ships a fix commit.
      const fix =
        rand() < profile.rollbackShare
          ? { id: `${id}-rollback`, rollbackOf: id, commits: [] }
          : {
              id: `${id}-fix`,
              remediates: incidentId,
              commits: [
                {
                  sha: `${id}fix`.replace(/[^a-z0-9]/gi, '').slice(-40),
                  committedAt: iso(recovered.minus({ minutes: 40 })),
                  message: `Fix ${incidentId}`,
                },
              ],
            };
      events.push({
        ...base,
        ...fix,
        environment: 'production',
        status: 'success',
        startedAt: iso(recovered.minus({ minutes: 10 })),
        finishedAt: iso(recovered),
        // Argo Rollouts skips the steps of a rollback to a recent revision
        // (rollbackWindow); a fix goes through them.
        ...(fix.rollbackOf ? {} : progressively(rollout, recovered)),
      });
    }
  }
  if (aborted) {
    const id = `${name}-${day.toISODate()}-${count}`;
    events.push({
      kind: 'deployment',
      source: profile.source,
      id,
      entityRef: profile.entityRef,
      environment: 'production',
      status: ABORTED_CANARY_STATUS,
      startedAt: iso(aborted.startedAt),
      finishedAt: iso(aborted.finishedAt),
      url: `https://ci.acme.example/${name}/runs/${id}`,
      version: `v${day.toFormat('yyyy.MM.dd')}.${count}`,
      commits: [
        {
          sha: `${id}-c0`.replace(/[^a-z0-9]/gi, '').slice(-40),
          committedAt: iso(
            aborted.startedAt.minus({ hours: profile.leadTimeHours }),
          ),
          author: AUTHORS[1],
          message: 'Share one connection pool across the payment workers',
        },
      ],
      phases: aborted.phases,
    });
  }
  return { events, releases };
}

/**
 * When a rollout of `minutes` meant to finish at `finishedAt` finishes if it waits for
 * the `busy` ones it would overlap (starting 10 minutes after the last of them ends).
 */
function afterRollouts(
  busy: Span[],
  finishedAt: DateTime,
  minutes: number,
): DateTime {
  const overlapping = (end: DateTime) => {
    const start = end.minus({ minutes });
    return busy.filter(b => start < b.finishedAt && end > b.startedAt);
  };
  let end = finishedAt;
  for (let overlapped = overlapping(end); overlapped.length > 0; ) {
    const last = Math.max(...overlapped.map(b => b.finishedAt.toMillis()));
    end = DateTime.fromMillis(last, { zone: 'utc' }).plus({
      minutes: 10 + minutes,
    });
    overlapped = overlapping(end);
  }
  return end;
}

/** A production rollout's phases finishing at `finishedAt`, and so its start. */
function progressively(
  rollout: DemoProfile['rollout'],
  finishedAt: DateTime,
): Partial<{ startedAt: string; phases: DeploymentPhase[] }> {
  if (!rollout) return {};
  const { startedAt, phases } = phasesEndingAt(rollout, finishedAt);
  return { startedAt: iso(startedAt), phases };
}

/**
 * Days after today whose deployments ship commits (and so pull requests) that may
 * already be open, merged or awaiting deploy now.
 */
function daysAhead(profile: DemoProfile): number {
  const longestOpen = profile.changes
    ? 4 * (profile.changes.pickupHours + profile.changes.reviewHours)
    : 0;
  return (
    Math.ceil((LONGEST_LEAD_TIME * profile.leadTimeHours + longestOpen) / 24) +
    1
  );
}

/** A deployment or incident as the source would have reported it by `now`. */
function reportedBy(event: DemoEvent, now: DateTime): DemoEvent | undefined {
  if (event.kind === 'flag') {
    return DateTime.fromISO(event.at) <= now ? event : undefined;
  }
  if (event.kind === 'incident') {
    if (DateTime.fromISO(event.openedAt) > now) return undefined;
    if (DateTime.fromISO(event.resolvedAt) <= now) return event;
    const { resolvedAt: _notYet, ...open } = event;
    return open;
  }
  return DateTime.fromISO(event.finishedAt) <= now ? event : undefined;
}

/**
 * Normalised events for the last `days` days before `now` (UTC days), one stream per
 * profile (see `planDay`), its flag changes (see `planFlagDay`), and the pull requests
 * of the deployed commits (see `planChanges`). Every day is planned whole and then cut at `now`, so regenerating
 * later upserts the same events with what happened since (an incident resolved, a pull
 * request reviewed, merged, deployed); ids derive from the calendar day.
 */
export function generateDemoEvents(
  profiles: DemoProfiles,
  now: DateTime,
): DemoEvent[] {
  const today = now.toUTC().startOf('day');
  const start = today.minus({ days: profiles.days });
  const planned = profiles.components.map((profile, profileIndex) => {
    const events: DemoEvent[] = [];
    const releases: Release[] = [];
    const last = today.plus({ days: daysAhead(profile) });
    for (let day = start; day <= last; day = day.plus({ days: 1 })) {
      const plan = planDay(profiles, profile, profileIndex, day);
      events.push(...plan.events);
      releases.push(...plan.releases);
    }
    if (profile.flags) {
      for (
        let day = start.minus({ days: FLAG_LOOKBACK_DAYS });
        day <= last;
        day = day.plus({ days: 1 })
      ) {
        const flagChanges = planFlagDay({
          flags: profile.flags,
          entityRef: profile.entityRef,
          incidentSource: profile.source,
          seed: profiles.seed,
          profileIndex,
          day,
        });
        // The history starts at `start`: earlier changes are left out.
        events.push(
          ...flagChanges.filter(
            e => DateTime.fromISO(e.at ?? e.openedAt) >= start,
          ),
        );
      }
    }
    return { events, releases };
  });
  const changes = planChanges({
    profiles,
    releasesByProfile: planned.map(p => p.releases),
    start,
    now,
  });
  return [
    ...planned.flatMap(p => p.events.flatMap(e => reportedBy(e, now) ?? [])),
    ...changes,
  ];
}
